import Foundation
import Testing

@testable import WorkspaceCore

#if canImport(Glibc)
import Glibc
#endif

@Suite struct MemoryNotesTests {
    private func notes(_ fixture: FixtureHome, lockTimeout: TimeInterval = 10) -> MemoryNotes {
        let audit = AuditLog(home: fixture.home)
        return MemoryNotes(
            home: fixture.home, config: ConfigStore(home: fixture.home, audit: audit, environment: [:]), audit: audit, lockTimeout: lockTimeout)
    }

    private func bytes(_ fixture: FixtureHome, _ name: String) -> Data? {
        FileManager.default.contents(atPath: fixture.home.root.appendingPathComponent("memories/\(name)").path)
    }

    @Test func theFormatIsTheAgentsSectionSignLines() throws {
        let text = "User prefers metric units\n§\nProject notes:\n- uses § in paths like a§b\n- two lines\n§\n  padded  "
        #expect(MemoryEntries.parse(text) == ["User prefers metric units", "Project notes:\n- uses § in paths like a§b\n- two lines", "padded"])
        #expect(MemoryEntries.render(["a", "b\nc"]) == "a\n§\nb\nc")
        #expect(MemoryEntries.parse("") == [] && MemoryEntries.parse("\n \n") == [])
        #expect(MemoryEntries.size(of: ["ab", "ç"]) == 6, "code points of the joined text, as Python's len counts")
        for bad in [[""], ["a\n§\nb"], ["x\n§"], ["ok", "ok"], ["nul\0"]] {
            #expect(throws: WorkspaceError.self, "\(bad)") { try MemoryEntries.checked(bad) }
        }
        #expect(try MemoryEntries.checked(["  a§b  ", "§ inside"]) == ["a§b", "§ inside"])
    }

    @Test func writesNeedTheRevisionKeepTheLimitAndLeaveTheFileAsItWasOnRefusal() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write("memory:\n  memory_char_limit: 40\n", to: "config.yaml")
        try fixture.write("first note\n§\nsecond note", to: "memories/MEMORY.md")
        let notes = notes(fixture)
        let document = try notes.document(.memory)
        #expect(document.entries == ["first note", "second note"] && document.used == 24 && document.limit == 40)
        #expect(try notes.document(.user).limit == 1375, "the agent's default when config.yaml says nothing")
        let before = bytes(fixture, "MEMORY.md")

        await #expect(throws: WorkspaceError.self) { try await notes.replace(.memory, with: ["x"], expecting: nil, actor: nil) }
        await #expect(
            throws: WorkspaceError.conflict("MEMORY.md changed since you loaded it (the agent may have written to it); reload and edit again.")
        ) {
            try await notes.replace(.memory, with: ["x"], expecting: .exactly("\"stale\""), actor: nil)
        }
        do {
            _ = try await notes.replace(
                .memory, with: ["first note", String(repeating: "y", count: 30)], expecting: .exactly(document.etag), actor: nil)
            Issue.record("over the limit was accepted")
        } catch WorkspaceError.limitExceeded(let message) {
            #expect(message.contains("its limit is 40") && message.contains("memory.memory_char_limit"), "\(message)")
        }
        #expect(bytes(fixture, "MEMORY.md") == before, "every refusal left the file as it was")

        let saved = try await notes.replace(.memory, with: ["second note", "first note, edited"], expecting: .exactly(document.etag), actor: nil)
        #expect(String(decoding: bytes(fixture, "MEMORY.md") ?? Data(), as: UTF8.self) == "second note\n§\nfirst note, edited")
        #expect(saved.etag == (try notes.document(.memory).etag) && saved.etag != document.etag)
        let history = try notes.history(.memory)
        #expect(history.count == 1 && history[0].change?.summary == ["edited 1 entry"] && history[0].change?.source == "Memory")
        #expect(history[0].diff.contains("-first note\n") && history[0].diff.contains("+first note, edited"))

        let added = try await notes.add(.user, entry: "Name: Ada\nPrefers short answers", actor: nil)
        #expect(added.entries == ["Name: Ada\nPrefers short answers"] && added.file == "memories/USER.md")
        await #expect(throws: WorkspaceError.self) { try await notes.add(.user, entry: "Name: Ada\nPrefers short answers", actor: nil) }
        let mode = try FileManager.default.attributesOfItem(atPath: fixture.home.root.appendingPathComponent("memories/USER.md").path)[
            .posixPermissions]
        #expect(mode as? Int == 0o600, "a new memory file is private, as the agent's mkstemp makes it")
    }

    /// A write waits while another process holds `MEMORY.md.lock` (the agent's flock), then succeeds once it is
    /// let go; a lock held past the timeout is "unavailable", with the file untouched.
    @Test func aWriteWaitsForTheAgentsLockThenSucceeds() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write("one", to: "memories/MEMORY.md")
        let lockPath = fixture.home.root.appendingPathComponent("memories/MEMORY.md.lock").path
        let holder = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(flock(holder, LOCK_EX) == 0)
        // A generous timeout: on a loaded 2-core machine the concurrency pool can be busy for seconds.
        let notes = notes(fixture, lockTimeout: 60)
        let etag = try notes.document(.memory).etag
        let unchangedWhileHeld = LockedValue<[Bool]>([])
        let file = fixture.home.root.appendingPathComponent("memories/MEMORY.md")
        // The holder lets go from a thread of its own, as another process would: not waiting on the test's pool.
        Thread.detachNewThread {
            for _ in 0..<5 {
                usleep(60_000)
                let text = String(decoding: FileManager.default.contents(atPath: file.path) ?? Data(), as: UTF8.self)
                unchangedWhileHeld.withValue { $0.append(text == "one") }
            }
            flock(holder, LOCK_UN)
            close(holder)
        }
        let written = try await notes.replace(.memory, with: ["one", "two"], expecting: .exactly(etag), actor: nil)
        #expect(written.entries == ["one", "two"])
        #expect(unchangedWhileHeld.value == [true, true, true, true, true], "the write waited while the lock was held")

        let stuck = open(lockPath, O_RDWR | O_CLOEXEC)
        flock(stuck, LOCK_EX)
        defer { close(stuck) }
        let impatient = self.notes(fixture, lockTimeout: 0.2)
        await #expect(throws: WorkspaceError.self) {
            try await impatient.replace(.memory, with: ["three"], expecting: .exactly(try impatient.document(.memory).etag), actor: nil)
        }
        #expect(String(decoding: bytes(fixture, "MEMORY.md") ?? Data(), as: UTF8.self) == "one\n§\ntwo")
    }

    private static let agentSide = """
        import json, sys
        from tools.memory_tool import MemoryStore
        store = MemoryStore(memory_char_limit=2200, user_char_limit=1375)
        store.load_from_disk()
        seen = {"memory": list(store.memory_entries), "user": list(store.user_entries)}
        added = [store.add("memory", "Agent wrote this\\nacross two lines"), store.add("user", "Likes § signs in text")]
        print(json.dumps({"seen": seen, "added": added}))
        """

    /// The reference agent's own memory tool reads back every entry we wrote (multi-line ones, `§` inside a line),
    /// and we read back what it writes.
    @Test(.enabled(if: AgentPython.url != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh to run this test"))
    func theAgentsMemoryToolReadsWhatWeWroteAndWeReadWhatItWrites() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let notes = notes(fixture)
        let ours = ["Server runs Debian 13", "Deploy steps:\n1. build\n2. copy § files\n3. restart", "Paths look like a§b"]
        _ = try await notes.replace(.memory, with: ours, expecting: .exactly(try notes.document(.memory).etag), actor: nil)
        _ = try await notes.add(.user, entry: "Ada, prefers metric", actor: nil)
        let run = try await AgentPython.run(["-c", Self.agentSide], home: fixture.home)
        #expect(run.status == 0, "\(run.errors)")
        let line = String(decoding: run.output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let seen = try #require(answer["seen"] as? [String: [String]])
        #expect(seen["memory"] == ours && seen["user"] == ["Ada, prefers metric"], "\(seen)")
        #expect((answer["added"] as? [[String: Any]])?.allSatisfy { $0["success"] as? Bool == true } == true, "\(answer["added"] ?? "")")
        #expect(try notes.document(.memory).entries == ours + ["Agent wrote this\nacross two lines"])
        #expect(try notes.document(.user).entries == ["Ada, prefers metric", "Likes § signs in text"])
    }
}
