import Foundation
import TestSupport
import Testing

/// `serve` stops on SIGTERM even while pages hold their event and log streams open: the server stops first and
/// the streams end themselves (a stream left to its heartbeat would keep the process alive for ever).
@Suite struct GracefulShutdownTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"), "curl holds the streams open"))
    func sigtermEndsOpenStreamsAndTheProcess() async throws {
        let site = try await DemoSite.start(sessions: 1)
        defer {
            // A server stuck in its shutdown ignores a second SIGTERM: kill it so a failure cannot hang the run.
            if site.server.isRunning { kill(site.server.pid, SIGKILL) }
            site.server.stop()
            try? FileManager.default.removeItem(at: site.root)
        }
        let token = try await site.scopedToken(role: "viewer")
        let streams = try ["events", "logs/stream?file=agent"].map { path -> (Process, URL) in
            let output = site.root.appendingPathComponent("stream-\(UUID().uuidString).txt")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            curl.arguments = ["-sN", "-H", "Authorization: Bearer \(token)", "-o", output.path, "\(site.url)api/v1/\(path)"]
            try curl.run()
            return (curl, output)
        }
        defer { for (curl, _) in streams where curl.isRunning { curl.terminate() } }
        // Both streams are open once each has sent its `retry:` line.
        try await waitUntil(seconds: 30) {
            streams.allSatisfy { (try? String(contentsOf: $0.1, encoding: .utf8))?.contains("retry:") == true }
        }
        kill(site.server.pid, SIGTERM)
        try await waitUntil(seconds: 30) { !site.server.isRunning }
        #expect(!site.server.isRunning, "serve exits on SIGTERM with two streams open")
        // Whether each client process has ended, read from the kernel (/proc: gone, or a zombie not yet reaped), not
        // from Foundation's `isRunning`, which waits for its own reaping notice and can lag far behind under load.
        try await waitUntil(seconds: 30) { streams.allSatisfy { Self.ended($0.0) } }
        let states = streams.map { stream in
            (try? String(contentsOfFile: "/proc/\(stream.0.processIdentifier)/stat", encoding: .utf8)).map { String($0.prefix(80)) } ?? "gone"
        }
        #expect(streams.allSatisfy { Self.ended($0.0) }, "the server ended both streams: \(states)")
    }

    private static func ended(_ process: Process) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8) else { return true }
        return stat.split(separator: ")").last?.split(separator: " ").first == "Z" || !process.isRunning
    }
}
