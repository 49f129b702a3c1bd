import Foundation
import Logging
import WorkspaceCore

/// Collects every log line a test server writes (message and metadata, at every level), so tests can prove what
/// never reaches the log.
final class LogCapture: Sendable {
    private let lines = LockedValue<[String]>([])

    /// A logger that writes here, at trace level.
    var logger: Logger {
        var logger = Logger(label: "test") { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    /// Everything logged so far, one line per entry.
    var text: String { lines.withValue { $0.joined(separator: "\n") } }

    fileprivate func append(_ line: String) {
        lines.withValue { $0.append(line) }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = self.metadata.merging(event.metadata ?? [:]) { _, new in new }
            capture.append("\(event.level) \(event.message) \(merged.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
        }
    }
}
