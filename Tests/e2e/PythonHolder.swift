import Foundation

/// A Python process that takes hold of something (a database lock, a file lock) the way another program would,
/// says `ready` once it has it, and keeps it until it exits or is killed.
final class PythonHolder: @unchecked Sendable {
    private let process = Process()

    /// Starts `script` with `arguments` and waits for its `ready` line.
    init(_ script: String, _ arguments: [String]) async throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let line = try await firstLine(of: output.fileHandleForReading)
        guard line.hasPrefix("ready") else {
            let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw BrowserTestError("the holder did not get hold: \(line) \(problem)")
        }
    }

    /// Whether it still holds on.
    var isRunning: Bool { process.isRunning }

    /// Kills it at once (SIGKILL: the test runner's children ignore SIGTERM).
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
