import Foundation
import Testing

/// Memory and skill writes staged by the real agent's own tools (hermes-agent 0.19.0 with `memory.write_approval`
/// and `skills.write_approval` on), listed by the workspace with what would change, applied and rejected through
/// its API — and the files that result are byte for byte what the agent's own `/memory approve` and `/skills
/// approve` produce from the same pending files in a copy of the home.
@Suite(.serialized) struct StagedWritesTests {
    static let python = AgentProcess.python

    private static let stage = """
        from tools.memory_tool import memory_tool, MemoryStore
        store = MemoryStore(); store.load_from_disk()
        memory_tool(action="add", target="memory", content="Deploys happen on Fridays.", store=store)
        memory_tool(action="replace", target="memory", old_text="tea", content="The user likes green tea.", store=store)
        memory_tool(action="add", target="user", content="Prefers short answers.", store=store)
        from tools.skill_manager_tool import skill_manage
        skill_manage(action="create", name="release-notes",
                     content="---\\nname: release-notes\\ndescription: Write release notes from git log.\\n---\\n\\n# Release notes\\n\\n1. Read git log.\\n")
        import json; print(json.dumps({"ok": True}))
        """

    /// The agent applying every pending write but `skip`, oldest first, as its slash commands do.
    private static let reference = """
        import json, sys
        from tools import write_approval as wa
        from tools.memory_tool import MemoryStore
        from hermes_cli.write_approval_commands import _approve, _reject
        store = MemoryStore(); store.load_from_disk()
        skip = sys.argv[1]
        records = sorted([(r["created_at"], s, r["id"]) for s in ("memory", "skills") for r in wa.list_pending(s)])
        for _, subsystem, pending_id in records:
            print(_reject(subsystem, [pending_id]) if pending_id == skip else _approve(subsystem, [pending_id], store if subsystem == "memory" else None))
        print(json.dumps({"ok": True}))
        """

    private func files(under root: URL) throws -> [String: Data] {
        var found: [String: Data] = [:]
        for folder in ["memories", "skills", "pending"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                guard !url.lastPathComponent.hasSuffix(".lock"), !url.path.contains("/.") else { continue }
                found[String(url.path.dropFirst(root.path.count))] = try Data(contentsOf: url)
            }
        }
        return found
    }

    @Test(.enabled(if: python != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func approvedWritesAreWhatTheAgentsOwnApplyProduces() async throws {
        let python = try #require(Self.python)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-staged-\(UUID().uuidString)")
        let home = root.appendingPathComponent("home")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: home.appendingPathComponent("memories"), withIntermediateDirectories: true)
        try Data("# staged writes under test\nmemory:\n  write_approval: true\nskills:\n  write_approval: true\n".utf8).write(
            to: home.appendingPathComponent("config.yaml"))
        try Data("The user likes tea.\n§\nServer runs Debian.".utf8).write(to: home.appendingPathComponent("memories/MEMORY.md"))
        _ = try await AgentProcess.output(of: try AgentProcess.start(["-c", Self.stage], home: home))

        let copy = root.appendingPathComponent("reference")
        try FileManager.default.copyItem(at: home, to: copy)
        let site = try await DemoSite.serve(root: root, environment: ["HERMES_AGENT_PYTHON": python])
        defer { site.server.stop() }
        let client = try await site.client()

        let items = try await client.send("GET", "/api/v1/approvals/staged").object?["items"] as? [[String: Any]] ?? []
        #expect(items.count == 4, "\(items)")
        let add = try #require(items.first { $0["action"] as? String == "add" && $0["target"] as? String == "memory" })
        #expect((add["preview"] as? String)?.contains("+Deploys happen on Fridays.") == true, "a readable diff: \(add)")
        let replace = try #require(items.first { $0["action"] as? String == "replace" })
        #expect((replace["preview"] as? String)?.contains("-The user likes tea.") == true, "\(replace)")
        let skill = try #require(items.first { $0["subsystem"] as? String == "skills" })
        #expect((skill["preview"] as? String)?.contains("# Release notes") == true && skill["target"] as? String == "release-notes")
        let user = try #require(items.first { $0["target"] as? String == "user" })

        for item in items {
            let subsystem = item["subsystem"] as? String ?? ""
            let id = item["id"] as? String ?? ""
            let verb = id == user["id"] as? String ? "reject" : "approve"
            let answer = try await client.send("POST", "/api/v1/approvals/staged/\(subsystem)/\(id)/\(verb)")
            #expect(answer.status == 200, "\(verb) \(subsystem)/\(id): \(answer.status) \(answer.object ?? [:])")
        }
        let missing = try await client.send("POST", "/api/v1/approvals/staged/memory/\(add["id"] ?? "")/approve")
        #expect(missing.status == 404, "applied once: it is gone")
        let badKind = try await client.send("POST", "/api/v1/approvals/staged/kernel/\(add["id"] ?? "")/approve")
        #expect(badKind.status == 404)

        _ = try await AgentProcess.output(of: try AgentProcess.start(["-c", Self.reference, user["id"] as? String ?? ""], home: copy))
        let ours = try files(under: home)
        let theirs = try files(under: copy)
        #expect(
            !ours.isEmpty && ours.keys.contains("/memories/MEMORY.md") && ours.keys.contains { $0.hasSuffix("release-notes/SKILL.md") },
            "\(ours.keys)")
        #expect(!ours.keys.contains { $0.hasPrefix("/pending/") && $0.hasSuffix(".json") }, "nothing left staged: \(ours.keys)")
        #expect(ours == theirs, "the same files, byte for byte: ours \(ours.keys.sorted()) theirs \(theirs.keys.sorted())")
        #expect(String(decoding: ours["/memories/MEMORY.md"] ?? Data(), as: UTF8.self).contains("green tea"))
        let audit = try await client.send("GET", "/api/v1/audit?limit=20").object?["items"] as? [[String: Any]] ?? []
        #expect(audit.filter { ($0["action"] as? String)?.hasPrefix("approvals.staged.") == true }.count == 4, "each decision audited")
    }
}
