import Foundation
import Testing

/// `make run` stays quiet after the build: its serve command, taken from the Makefile's `run` recipe as written,
/// prints fewer than 40 lines while it starts and serves a few requests (the URL must not scroll away), and every
/// one of those lines is about the workspace — no request log at the default level.
@Suite(.serialized) struct QuietStartTests {
    @Test func makeRunsServeCommandPrintsAHandfulOfLines() async throws {
        let makefile = try String(contentsOf: BrowserEnvironment.repository.appendingPathComponent("Makefile"), encoding: .utf8)
        let recipe = try #require(
            makefile.components(separatedBy: "\nrun:").dropFirst().first?.split(separator: "\n").dropFirst().first { $0.hasPrefix("\t") },
            "the Makefile has a run recipe")
        let arguments = recipe.trimmingCharacters(in: .whitespaces).split(separator: " ").map(String.init)
        #expect(arguments.first == ".build/debug/hermes-workspace" && arguments.dropFirst().first == "serve", "\(arguments)")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-quiet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let home = root.appendingPathComponent("home")
        let binary = try BrowserEnvironment.binary()
        try await offThePool { try run(binary.path, ["demo", home.path, "--sessions", "5"]) }
        let port = try freePort()
        let resolved = arguments.dropFirst().map { argument -> String in
            argument.replacingOccurrences(of: "$(DEMO_HOME)", with: home.path).replacingOccurrences(of: "$(PORT)", with: String(port))
        }
        let lines = try await offThePool { () -> [String] in
            let process = Process()
            process.executableURL = binary
            process.arguments = resolved
            process.currentDirectoryURL = BrowserEnvironment.repository
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            defer {
                if process.isRunning { process.interrupt() }
                process.waitUntilExit()
            }
            // Serve a few pages and API calls, as a first visit does, then stop.
            var collected = Data()
            let deadline = Date().addingTimeInterval(20)
            while !String(decoding: collected, as: UTF8.self).contains("serving"), Date() < deadline {
                collected.append(output.fileHandleForReading.availableData)
            }
            for path in ["/", "/api/v1/health", "/status", "/api/v1/status"] {
                _ = try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            }
            process.interrupt()
            process.waitUntilExit()
            collected.append(output.fileHandleForReading.readDataToEndOfFile())
            return String(decoding: collected, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(lines.contains { $0.contains("serving") && $0.contains("http://127.0.0.1:\(port)/") }, "the URL is printed: \(lines)")
        #expect(lines.count < 40, "\(lines.count) lines: \(lines)")
        #expect(!lines.contains { $0.contains("/api/v1/health") || $0.contains("GET /") }, "no request log at the default level: \(lines)")
    }
}
