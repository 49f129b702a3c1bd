import Foundation
import Testing

/// Messaging pairing with the real agent's `PairingStore` (hermes-agent 0.19.0): strangers who asked the bot for
/// access are listed without their codes; the owner approves with the code the stranger shows them (a wrong one is
/// refused and counted by the agent), drops a request, or ends a user's access — and the agent's own store agrees.
@Suite(.serialized) struct PairingTests {
    static let python = AgentProcess.python

    /// The agent's own store: `ask PLATFORM USER NAME` prints the code it sent; `check PLATFORM USER` whether the
    /// user is paired.
    static let store = """
        import json, sys
        from gateway.pairing import PairingStore
        store = PairingStore()
        if sys.argv[1] == "ask":
            print(json.dumps({"code": store.generate_code(sys.argv[2], sys.argv[3], sys.argv[4])}))
        else:
            print(json.dumps({"approved": store.is_approved(sys.argv[2], sys.argv[3])}))
        """

    @Test(.enabled(if: python != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func theOwnerPairsDropsAndRevokesThroughTheAgentsStore() async throws {
        let python = try #require(Self.python)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-pairing-\(UUID().uuidString)")
        let home = root.appendingPathComponent("home")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try Data("# pairing under test\n".utf8).write(to: home.appendingPathComponent("config.yaml"))
        let code = try #require(
            try await AgentProcess.output(of: try AgentProcess.start(["-c", Self.store, "ask", "telegram", "4242", "Mallory"], home: home))["code"]
                as? String)
        _ = try await AgentProcess.output(of: try AgentProcess.start(["-c", Self.store, "ask", "discord", "777", "Eve"], home: home))

        let site = try await DemoSite.serve(root: root, environment: ["HERMES_AGENT_PYTHON": python])
        defer { site.server.stop() }
        let client = try await site.client()

        let listed = try await client.send("GET", "/api/v1/pairing")
        let pending = listed.object?["pending"] as? [[String: Any]] ?? []
        #expect(pending.count == 2 && pending.first?["userName"] as? String == "Mallory", "\(listed.object ?? [:])")
        #expect(!String(decoding: listed.body, as: UTF8.self).contains(code), "the code itself is never shown")

        let wrong = try await client.send(
            "POST", "/api/v1/pairing/approve", headers: ["Content-Type: application/json"], body: #"{"platform":"telegram","code":"WRONG123"}"#)
        #expect(wrong.status == 409, "a wrong code is refused: \(wrong.status)")
        let right = try await client.send(
            "POST", "/api/v1/pairing/approve", headers: ["Content-Type: application/json"], body: #"{"platform":"telegram","code":"\#(code)"}"#)
        #expect(right.status == 200 && right.object?["userID"] as? String == "4242", "\(right.status) \(right.object ?? [:])")
        let paired = try await AgentProcess.output(of: try AgentProcess.start(["-c", Self.store, "check", "telegram", "4242"], home: home))
        #expect(paired["approved"] as? Bool == true, "the agent's own store says paired")

        let eve = try #require(pending.first { $0["userName"] as? String == "Eve" })
        let dropped = try await client.send(
            "POST", "/api/v1/pairing/deny", headers: ["Content-Type: application/json"],
            body: #"{"platform":"discord","entry":"\#(eve["entry"] as? String ?? "")"}"#)
        #expect(dropped.status == 204)
        let after = try await client.send("GET", "/api/v1/pairing").object ?? [:]
        #expect((after["pending"] as? [Any])?.isEmpty == true && (after["approved"] as? [[String: Any]])?.first?["userName"] as? String == "Mallory")

        let revoked = try await client.send(
            "POST", "/api/v1/pairing/revoke", headers: ["Content-Type: application/json"], body: #"{"platform":"telegram","userID":"4242"}"#)
        #expect(revoked.status == 204)
        let gone = try await AgentProcess.output(of: try AgentProcess.start(["-c", Self.store, "check", "telegram", "4242"], home: home))
        #expect(gone["approved"] as? Bool == false, "revoked in the agent's own store")
        let again = try await client.send(
            "POST", "/api/v1/pairing/revoke", headers: ["Content-Type: application/json"], body: #"{"platform":"telegram","userID":"4242"}"#)
        #expect(again.status == 404)
        let audit = try await client.send("GET", "/api/v1/audit?limit=20").object?["items"] as? [[String: Any]] ?? []
        #expect(audit.filter { ($0["action"] as? String)?.hasPrefix("pairing.") == true }.count == 4, "every answer audited (the wrong code too)")
    }
}
