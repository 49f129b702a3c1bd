import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension MCPServers {
    /// What a test found: the server's name and version and its tools, or why it could not be reached.
    public struct TestResult: Sendable, Encodable, Equatable {
        public var name: String
        public var ok: Bool
        public var serverName: String?
        public var serverVersion: String?
        public var tools: [Tool]
        public var milliseconds: Int
        public var problem: String?
        /// The last lines the server wrote to stderr (stdio), secrets masked.
        public var stderr: [String]
    }

    public struct Tool: Sendable, Encodable, Equatable {
        public var name: String
        public var description: String
    }

    /// Starts stdio server `name` (its command, its `env` with `${VAR}` resolved from `.env`, and only the agent's
    /// safe baseline variables — `tools/mcp_tool.py`'s `_build_safe_env`) or calls HTTP server `name` (its url and
    /// headers, no redirects followed), runs the MCP handshake and `tools/list`, and ends it. Bounded by the server's
    /// `connect_timeout` (default 15 s, at most 30). Audited: starting a command is an action on this machine.
    public func test(_ name: String, actor: AuditActor?, audit: AuditLog) async throws -> TestResult {
        // One read of config.yaml and one of .env for the whole test.
        guard let entry = try config.snapshot().value["mcp_servers"]?[name] else { throw WorkspaceError.notFound(what: "MCP server \(name)") }
        let dotEnv = keys.rawValues()
        let server = server(named: name, entry, defined: Set(dotEnv.keys))
        let values = dotEnv.merging(ProcessInfo.processInfo.environment) { kept, _ in kept }
        let resolve = { (block: String) -> [String: String] in
            guard case .object(let members)? = entry[block] else { return [:] }
            return Dictionary(
                members.map { member in
                    let text = member.value.stringValue ?? member.value.rendered(.compact)
                    return (member.key, EnvReference.variable(in: text).map { values[$0] ?? "" } ?? text)
                }, uniquingKeysWith: { $1 })
        }
        let timeout = TimeInterval(min(30, max(1, server.connectTimeout ?? 15)))
        let started = Date()
        var result: TestResult
        if let command = server.command {
            let (args, env) = (server.args, resolve("env"))
            result = try await offloaded { try Self.testStdio(name, command: command, args: args, env: env, timeout: timeout) }
        } else if let url = entry["url"]?.stringValue {
            guard server.transport != "sse" else {
                throw WorkspaceError.invalidInput("Testing covers stdio and Streamable HTTP servers; \(name) uses the older SSE transport.")
            }
            result = await Self.testHTTP(name, url: url, headers: resolve("headers"), timeout: timeout)
        } else {
            throw WorkspaceError.invalidInput("MCP server \(name) has neither a command nor a url.")
        }
        result.milliseconds = Int(Date().timeIntervalSince(started) * 1000)
        try? await audit.record(
            AuditEvent(
                action: .mcpTest, target: name, outcome: result.ok ? .ok : .failed,
                summary: result.ok ? "\(result.tools.count) tools" : (result.problem ?? ""), actor: actor))
        return result
    }

    static let protocolVersion = "2025-03-26"

    static func handshake() -> [OrderedJSON] {
        [
            .object([
                .init("jsonrpc", .string("2.0")), .init("id", .int(1)), .init("method", .string("initialize")),
                .init(
                    "params",
                    .object([
                        .init("protocolVersion", .string(protocolVersion)), .init("capabilities", .object([])),
                        .init(
                            "clientInfo", .object([.init("name", .string("hermes-workspace")), .init("version", .string(WorkspaceVersion.current))])),
                    ])),
            ]),
            .object([.init("jsonrpc", .string("2.0")), .init("method", .string("notifications/initialized"))]),
            .object([.init("jsonrpc", .string("2.0")), .init("id", .int(2)), .init("method", .string("tools/list")), .init("params", .object([]))]),
        ]
    }

    static func testStdio(_ name: String, command: String, args: [String], env: [String: String], timeout: TimeInterval) throws -> TestResult {
        var environment = ProcessInfo.processInfo.environment.filter {
            ["PATH", "HOME", "USER", "LANG", "LC_ALL", "TERM", "SHELL", "TMPDIR"].contains($0.key) || $0.key.hasPrefix("XDG_")
        }
        environment.merge(env) { $1 }
        let input = Data(handshake().map { $0.rendered(.compact) + "\n" }.joined().utf8)
        let child = ChildProcess(arguments: [command] + args, environment: environment)
        let outcome: ChildProcess.Outcome
        do {
            outcome = try child.run(input: input, keepInputOpen: true, timeout: timeout, finished: { answers(in: $0)[2] != nil })
        } catch {
            return TestResult(name: name, ok: false, tools: [], milliseconds: 0, problem: "\(error)", stderr: [])
        }
        let replies = answers(in: outcome.output)
        let stderr = String(decoding: outcome.errors, as: UTF8.self).split(separator: "\n").suffix(8).map {
            SecretRedaction.maskingURLCredentials(in: String($0.prefix(300)))
        }
        var result = reading(name, replies)
        result.stderr = stderr
        if replies[2] == nil, result.problem == nil {
            result.problem =
                outcome.timedOut
                ? "No answer to tools/list within \(Int(timeout)) s."
                : "The server ended (exit \(outcome.exitStatus.map(String.init) ?? "by signal \(outcome.signal ?? 0)")) before listing its tools."
        }
        return result
    }

    static func testHTTP(_ name: String, url: String, headers: [String: String], timeout: TimeInterval) async -> TestResult {
        guard let target = URL(string: url) else {
            return TestResult(name: name, ok: false, tools: [], milliseconds: 0, problem: "Bad url.", stderr: [])
        }
        let session = URLSession(configuration: .ephemeral, delegate: RefuseRedirects(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        var sessionID: String?
        var replies: [Int: OrderedJSON] = [:]
        do {
            for message in handshake() {
                var request = URLRequest(url: target, timeoutInterval: timeout)
                request.httpMethod = "POST"
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                request.setValue("application/json, text/event-stream", forHTTPHeaderField: "Accept")
                request.setValue(protocolVersion, forHTTPHeaderField: "MCP-Protocol-Version")
                for (key, value) in headers { request.setValue(value, forHTTPHeaderField: key) }
                if let sessionID { request.setValue(sessionID, forHTTPHeaderField: "Mcp-Session-Id") }
                request.httpBody = Data(message.rendered(.compact).utf8)
                let (data, response) = try await session.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                guard (200..<300).contains(status) else {
                    return TestResult(name: name, ok: false, tools: [], milliseconds: 0, problem: "HTTP \(status) from the server.", stderr: [])
                }
                if let id = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Mcp-Session-Id") { sessionID = id }
                // A JSON answer, or an event stream whose `data:` lines carry the answers.
                let text = String(decoding: data.prefix(4 << 20), as: UTF8.self)
                let lines = text.split(separator: "\n").map { $0.hasPrefix("data:") ? String($0.dropFirst(5)) : String($0) }
                replies.merge(answers(in: Data((lines.joined(separator: "\n") + "\n").utf8))) { $1 }
            }
        } catch {
            return TestResult(name: name, ok: false, tools: [], milliseconds: 0, problem: (error as NSError).localizedDescription, stderr: [])
        }
        return reading(name, replies)
    }

    /// The JSON-RPC answers (by id) among the newline-delimited messages of `output`.
    static func answers(in output: Data) -> [Int: OrderedJSON] {
        var found: [Int: OrderedJSON] = [:]
        for line in output.split(separator: UInt8(ascii: "\n")) where line.count < 8 << 20 {
            guard let message = try? OrderedJSON(parsing: String(decoding: line, as: UTF8.self)), let id = message["id"]?.intValue,
                message["result"] != nil || message["error"] != nil
            else { continue }
            found[id] = message
        }
        return found
    }

    static func reading(_ name: String, _ replies: [Int: OrderedJSON]) -> TestResult {
        var result = TestResult(name: name, ok: false, tools: [], milliseconds: 0, stderr: [])
        if let error = replies[1]?["error"] ?? replies[2]?["error"] {
            result.problem = "The server answered with an error: \(String((error["message"]?.stringValue ?? error.rendered(.compact)).prefix(300)))"
            return result
        }
        let info = replies[1]?["result"]?["serverInfo"]
        result.serverName = info?["name"]?.stringValue
        result.serverVersion = info?["version"]?.stringValue
        guard let listed = replies[2]?["result"]?["tools"] else { return result }
        result.tools = listed.arrayValue.prefix(500).map {
            Tool(name: $0["name"]?.stringValue ?? "", description: String(($0["description"]?.stringValue ?? "").prefix(500)))
        }
        result.ok = true
        return result
    }
}
