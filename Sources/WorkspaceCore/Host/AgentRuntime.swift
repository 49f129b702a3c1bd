import Foundation

/// Where the agent's own runtime is on this machine.
public enum AgentRuntime {
    /// The agent's Python: `$HERMES_AGENT_PYTHON`, else the interpreter named by the `#!` line of `hermes` on
    /// `PATH` (pip and pipx installs), else nil.
    public static func python(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let named = environment["HERMES_AGENT_PYTHON"], !named.isEmpty, FileManager.default.isExecutableFile(atPath: named) { return named }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/hermes"
            guard FileManager.default.isExecutableFile(atPath: candidate), let handle = FileHandle(forReadingAtPath: candidate) else { continue }
            defer { try? handle.close() }
            let head = String(decoding: (try? handle.read(upToCount: 512)) ?? Data(), as: UTF8.self)
            guard head.hasPrefix("#!"), let line = head.split(separator: "\n").first else { continue }
            let interpreter = line.dropFirst(2).trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
            if interpreter.hasSuffix("python") || interpreter.contains("/python3"), FileManager.default.isExecutableFile(atPath: interpreter) {
                return interpreter
            }
        }
        return nil
    }

    /// Runs `script` (Python, reading `sys.argv[1:]` = `arguments`) in the agent's interpreter with `HERMES_HOME`
    /// set to `home`, and returns the JSON object on the last line it printed. Unavailable (503) when the agent's
    /// Python is not here — `instead` says what the operator can do; a storage failure when the script fails.
    public static func run(
        _ script: String, arguments: [String], input: Data = Data(), home: HermesHome, python: String?, instead: String
    ) async throws -> OrderedJSON {
        guard let python else {
            throw WorkspaceError.unavailable("The agent's Python was not found (set HERMES_AGENT_PYTHON or put `hermes` on PATH); \(instead).")
        }
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HERMES_") }
        environment["HERMES_HOME"] = home.path
        let child = ChildProcess(arguments: [python, "-c", script] + arguments, environment: environment)
        let outcome = try await offloaded { try child.run(input: input, timeout: 60) }
        let line = String(decoding: outcome.output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        guard outcome.exitStatus == 0, let answer = try? OrderedJSON(parsing: line), case .object = answer else {
            let errors = String(decoding: outcome.errors, as: UTF8.self).split(separator: "\n").suffix(5).joined(separator: "\n")
            throw WorkspaceError.storageFailure(path: home.path, reason: "the agent's own code failed: \(errors)")
        }
        return answer
    }
}
