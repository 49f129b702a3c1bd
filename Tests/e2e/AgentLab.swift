import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A home for the real agent (hermes-agent 0.19.0 from `.build/hermes-venv`) whose model is a scripted stub on
/// loopback (`Scripts/llm_stub.py`, test code), served by the real workspace binary with the approvals bridge
/// installed: what an operator runs, with only the LLM replaced.
struct AgentLab {
    let root: URL
    let site: DemoSite
    let stubPort: Int
    let stub: Process
    /// The stub's script (its request log is beside it, `.log`).
    let script: URL
    /// The operator's client (its token read once).
    let operatorClient: RawExchange

    var home: URL { root.appendingPathComponent("home") }
    /// A folder the scripted commands work on.
    var work: URL { root.appendingPathComponent("work") }
    var base: String { String(site.url.dropLast()) }

    /// The hermes CLI of the venv.
    static var hermes: String? {
        AgentProcess.python.map { URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("hermes").path }
    }

    /// Writes the home (`approvals` as given), starts the stub with `turns` (and smart-triage `verdicts`), the
    /// workspace, and installs the bridge.
    static func start(
        mode: String = "manual", timeout: Int = 20, turns: [[String: Any]], verdicts: [String] = [], extraConfig: String = ""
    )
        async throws -> AgentLab
    {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-agent-lab-\(UUID().uuidString)")
        let home = root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("work"), withIntermediateDirectories: true)
        let stubPort = try freePort()
        let config = """
            # Agent under test: the model is a scripted stub on loopback.
            model:
              provider: custom
              base_url: http://127.0.0.1:\(stubPort)/v1
              default: stub-model
              api_key: stub-key
            approvals:
              mode: \(mode)  # what the test exercises
              timeout: \(timeout)
            security:
              tirith_enabled: false
            toolsets:
              - terminal
            # No background model calls of the agent's own (reviews, the skills curator) taking scripted turns.
            memory:
              nudge_interval: 0
            skills:
              creation_nudge_interval: 0
            curator:
              enabled: false
            \(extraConfig)
            """
        try Data((config + "\n").utf8).write(to: home.appendingPathComponent("config.yaml"))
        let (stub, script) = try startStub(root: root, port: stubPort, turns: turns, verdicts: verdicts)
        let site = try await DemoSite.serve(root: root)
        try await offThePool {
            try run(try BrowserEnvironment.binary().path, ["install-plugin", "--home", home.path, "--url", String(site.url.dropLast())])
        }
        return AgentLab(root: root, site: site, stubPort: stubPort, stub: stub, script: script, operatorClient: try await site.client())
    }

    static func startStub(root: URL, port: Int, turns: [[String: Any]], verdicts: [String]) throws -> (Process, URL) {
        let script = root.appendingPathComponent("script-\(UUID().uuidString.prefix(8)).json")
        try JSONSerialization.data(withJSONObject: ["turns": turns, "verdicts": verdicts]).write(to: script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", BrowserEnvironment.repository.appendingPathComponent("Tests/e2e/Scripts/llm_stub.py").path, String(port), script.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, script)
    }

    /// A fresh stub with a new script on the same port (the old one is stopped).
    func restub(turns: [[String: Any]], verdicts: [String] = []) async throws -> AgentLab {
        stopProcess(stub)
        let (stub, script) = try Self.startStub(root: root, port: stubPort, turns: turns, verdicts: verdicts)
        try await waitForPort(stubPort)
        return AgentLab(root: root, site: site, stubPort: stubPort, stub: stub, script: script, operatorClient: operatorClient)
    }

    /// One line per request the stub answered (messages, the system prompt's start, the last message's start): what
    /// a failing test shows of the model's side.
    var stubRequests: String {
        let lines = ((try? String(contentsOf: URL(fileURLWithPath: script.path + ".log"), encoding: .utf8)) ?? "").split(separator: "\n")
        return lines.map { line -> String in
            guard let body = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return "?" }
            let messages = body["messages"] as? [[String: Any]] ?? []
            let system = messages.first { $0["role"] as? String == "system" }.map { String(describing: $0["content"] ?? "").prefix(50) } ?? ""
            let last = messages.last.map { "\($0["role"] ?? ""): \(String(describing: $0["content"] ?? "").prefix(90))" } ?? ""
            return "\(messages.count) msgs, tools \(body["tools"] != nil) | \(system) | \(last)"
        }.joined(separator: "\n")
    }

    /// The workspace's answers, seen with the operator's token.
    func client() async throws -> RawExchange { operatorClient }

    /// Starts `hermes chat -Q -q prompt` in the work folder; its stdin is a pipe the test may answer on.
    func chat(_ prompt: String) throws -> AgentRun {
        guard let hermes = Self.hermes else { throw BrowserTestError("hermes-agent is not installed: run scripts/hermes-venv.sh") }
        return try AgentRun(arguments: [hermes, "chat", "-Q", "-q", prompt], home: home, directory: work, environment: [:])
    }

    /// Requests that reached the workspace, oldest first.
    func requests() async throws -> [[String: Any]] {
        let items = try await client().send("GET", "/api/v1/approvals?status=all&limit=500").object?["items"] as? [[String: Any]] ?? []
        return items.reversed()
    }

    /// The first pending request whose action contains `text`, once there is one.
    /// (The agent takes several seconds to start, and many times that on a loaded machine: 180 s by default.)
    func pending(containing text: String, seconds: Double = 180, from run: AgentRun? = nil) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let items = try await client().send("GET", "/api/v1/approvals?status=pending").object?["items"] as? [[String: Any]] ?? []
            if let found = items.first(where: { ($0["action"] as? String)?.contains(text) == true }) { return found }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BrowserTestError("no pending request for \(text) arrived; the agent printed:\n\(run?.printed ?? "(not watched)")")
    }

    /// Decides request `id` in the workspace as the operator.
    @discardableResult
    func decide(_ id: Any?, _ verb: String, _ body: String) async throws -> [String: Any] {
        try await client().send("POST", "/api/v1/approvals/\(id ?? "")/\(verb)", headers: ["Content-Type: application/json"], body: body).object
            ?? [:]
    }

    func stop() {
        stopProcess(stub)
        site.stop()
    }
}

/// One agent process (the CLI, the gateway) with stdin and stdout pipes.
final class AgentRun: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var collected = Data()

    init(arguments: [String], home: URL, directory: URL, environment extra: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HERMES_") && !$0.key.hasPrefix("API_SERVER") }
        environment["HERMES_HOME"] = home.path
        environment["TERMINAL_CWD"] = directory.path
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.collected.append(data) }
        }
        try process.run()
    }

    /// Everything printed so far.
    var printed: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    /// Types `line` at the agent's terminal.
    func type(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

    /// Closes stdin (no terminal).
    func closeInput() { try? input.fileHandleForWriting.close() }

    /// Waits for the process to exit (at most `seconds`, then kills it); returns what it printed.
    func finish(seconds: Double = 120) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { stop() }
        process.waitUntilExit()
        try await Task.sleep(for: .milliseconds(100))  // the last bytes the read handler has not delivered yet
        return printed
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A test that gave up on the run (a thrown error) leaves no agent behind.
    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

func stopProcess(_ process: Process) {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
}
