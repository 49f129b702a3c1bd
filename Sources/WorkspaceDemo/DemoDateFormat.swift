import Foundation
import WorkspaceCore

/// Date formatters for the demo writers, each built once per writer rather than once per line.
enum DemoDateFormat {
    /// A POSIX-locale formatter for `format` in `timeZone` (the machine's zone when `nil`).
    static func formatter(_ format: String, timeZone: TimeZone? = nil) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone ?? .current
        formatter.dateFormat = format
        return formatter
    }

    /// The `YYYYMMDD_HHMMSS` stamp session ids start with.
    static func sessionStamp() -> DateFormatter {
        formatter("yyyyMMdd_HHmmss", timeZone: TimeZone(identifier: "UTC"))
    }
}
