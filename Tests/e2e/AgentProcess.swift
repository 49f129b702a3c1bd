import Foundation

/// The reference agent's Python (hermes-agent from PyPI in `.build/hermes-venv`, or `$HERMES_AGENT_PYTHON`), run
/// as the agent would be for a home: its own environment without the caller's `HERMES_*` variables.
enum AgentProcess {
    static let python: String? = {
        if let named = ProcessInfo.processInfo.environment["HERMES_AGENT_PYTHON"], !named.isEmpty { return named }
        let venv = BrowserEnvironment.repository.appendingPathComponent(".build/hermes-venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }()

    /// The agent's own dangerous-command gate, run as its CLI runs it (interactive, no terminal attached: stdin is
    /// empty), with the plugins its plugin manager loads: `python -c gate COMMAND SESSION` prints
    /// `{"loaded": …, "approved": …, "message": …}` — the result of the terminal tool's guard (`check_all_command_guards` with the thread's approval callback) — after the
    /// `pre_tool_call` hooks ran on the same thread, as they do before every tool call.
    static let gate = """
        import json, os, sys
        os.environ["HERMES_INTERACTIVE"] = "1"
        from hermes_cli.plugins import get_plugin_manager, get_pre_tool_call_directive
        manager = get_plugin_manager()
        manager.discover_and_load()
        loaded = "workspace-approvals" in json.dumps(sorted(str(k) for k in getattr(manager, "_plugins", {})))
        get_pre_tool_call_directive("terminal", {"command": sys.argv[1]}, session_id=sys.argv[2])
        from tools.terminal_tool import _check_all_guards
        result = _check_all_guards(sys.argv[1], "local")
        print(json.dumps({"loaded": loaded, "approved": bool(result.get("approved")), "message": result.get("message") or ""}))
        """

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
        process.standardInput = FileHandle.nullDevice
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
