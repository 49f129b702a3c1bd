import Foundation
import TestSupport
import WorkspaceCore

/// The reference agent's interpreter: hermes-agent from PyPI installed by `scripts/hermes-venv.sh`, or any
/// interpreter named by `HERMES_AGENT_PYTHON`; `nil` when neither exists (interop tests are then skipped).
enum AgentPython {
    static let packageRoot = Repository.root

    static let url: URL? = {
        if let named = ProcessInfo.processInfo.environment["HERMES_AGENT_PYTHON"], !named.isEmpty { return URL(fileURLWithPath: named) }
        // Not standardized: that would resolve the venv's python symlink to the base interpreter, outside the venv.
        let venv = packageRoot.appendingPathComponent(".build/hermes-venv/bin/python")
        return FileManager.default.isExecutableFile(atPath: venv.path) ? venv : nil
    }()

    /// Says on stderr that the part of a test needing the reference agent did not run (a test whose other checks
    /// still run cannot be skipped as a whole).
    static func noteSkipped(_ what: String, file: String = #fileID, line: Int = #line) {
        FileHandle.standardError.write(Data("\(file):\(line): \(what) skipped: hermes-agent is not installed (run scripts/hermes-venv.sh)\n".utf8))
    }

    /// Runs the interpreter with `arguments`, `HERMES_HOME` set to `home` and no other `HERMES_*` variable, on its own
    /// thread: a Python start-up takes seconds on a loaded machine and must not hold a concurrency-pool thread that
    /// other tests (the cron scheduler's) need.
    static func run(_ arguments: [String], home: HermesHome) async throws -> (output: Data, errors: String, status: Int32) {
        try await offloaded { try runBlocking(arguments, home: home) }
    }

    private static func runBlocking(_ arguments: [String], home: HermesHome) throws -> (output: Data, errors: String, status: Int32) {
        guard let url else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HERMES_") && $0.key != "TELEGRAM_BOT_TOKEN" }
        environment["HERMES_HOME"] = home.path
        process.environment = environment
        let output = Pipe()
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("agent-python-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errors = try FileHandle(forWritingTo: errorFile)
        defer { try? errors.close() }
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (data, (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "", process.terminationStatus)
    }
}
