import Foundation

/// The reference agent's Python (hermes-agent from PyPI in `.build/hermes-venv`, or `$HERMES_AGENT_PYTHON`), run
/// as the agent would be for a home: its own environment without the caller's `HERMES_*` variables.
enum AgentProcess {
    static let python: String? = {
        if let named = ProcessInfo.processInfo.environment["HERMES_AGENT_PYTHON"], !named.isEmpty { return named }
        let venv = BrowserEnvironment.repository.appendingPathComponent(".build/hermes-venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }()

    /// Starts the agent's Python with `arguments` and `HERMES_HOME` set to `home`; its standard output is a pipe.
    static func start(_ arguments: [String], home: URL) throws -> Process {
        guard let python else { throw BrowserTestError("hermes-agent is not installed: run scripts/hermes-venv.sh") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HERMES_") }
        environment["HERMES_HOME"] = home.path
        process.environment = environment
        process.standardOutput = Pipe()
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The JSON object on the last line the process printed, once it has exited.
    static func output(of process: Process) async throws -> [String: Any] {
        let data = try await offThePool { () -> Data in
            let data = (process.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
            process.waitUntilExit()
            return data
        }
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        return (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
    }
}
