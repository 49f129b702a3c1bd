import Foundation
import Testing

@testable import WorkspaceCore

#if canImport(Glibc)
import Glibc
#endif

@Suite struct CronJobsFileTests {
    @Test func anUnchangedSaveRewritesTheAgentsFileByteForByteButItsTimestamp() throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let original = try String(contentsOf: fixture.home.cronJobsFile, encoding: .utf8)
        let file = CronJobsFile(home: fixture.home)
        let count = try file.update { jobs in jobs.count }
        #expect(count > 0)
        let saved = try String(contentsOf: fixture.home.cronJobsFile, encoding: .utf8)
        let strip = { (text: String) in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("\"updated_at\": ") || $0.hasPrefix("      ") }
        }
        #expect(strip(saved) == strip(original), "only the top-level updated_at differs")
        #expect(saved.contains("\"updated_at\": \"20") && saved.contains("+01:00\""), "stamped in the agent's zone (Europe/Berlin)")
        #expect(try FileManager.default.attributesOfItem(atPath: fixture.home.cronJobsFile.path)[.posixPermissions] as? Int == 0o600)
    }

    @Test func unknownFieldsAndNonASCIIAreWrittenAsTheAgentWouldAndACorruptFileIsNeverOverwritten() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write(#"[{"id": "a1", "name": "Grüße 🌍", "x_future": {"keep": [1, 2]}}]"#, to: "cron/jobs.json")
        let file = CronJobsFile(home: fixture.home)
        try file.update { jobs in jobs.append(.object([.init("id", .string("b2"))])) }
        let text = try String(contentsOf: fixture.home.cronJobsFile, encoding: .utf8)
        #expect(
            text.hasPrefix(
                "{\n  \"jobs\": [\n    {\n      \"id\": \"a1\",\n      \"name\": \"Gr\\u00fc\\u00dfe \\ud83c\\udf0d\",\n      \"x_future\": {\n        \"keep\": [\n          1,\n          2\n        ]\n      }\n    },"
            ))
        #expect(try file.jobs().count == 2)

        try fixture.write("{\"jobs\": [ {\"id\": \"a1\",, }", to: "cron/jobs.json")
        #expect(throws: WorkspaceError.self) { try file.update { $0.removeAll() } }
        #expect(try String(contentsOf: fixture.home.cronJobsFile, encoding: .utf8) == "{\"jobs\": [ {\"id\": \"a1\",, }")
    }

    /// Starts `flock <lock> sh -c <script>` and returns once that process really holds the lock.
    private func holdLock(_ lockPath: String, running script: String) throws -> Process {
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [lockPath, "sh", "-c", script]
        try holder.run()
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o600)
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            usleep(20_000)
        }
        return holder
    }

    @Test func aWriteWaitsForTheAgentsLockAndGivesUpClearly() throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let lockPath = fixture.home.cronDirectory.appendingPathComponent(".jobs.lock").path
        let released = fixture.home.root.appendingPathComponent("released")
        // Another process holds the agent's lock for a while (as the agent's scheduler does during a tick) and
        // writes a marker just before letting go.
        let holder = try holdLock(lockPath, running: "sleep 1; touch '\(released.path)'")
        defer {
            holder.terminate()
            holder.waitUntilExit()
        }
        try CronJobsFile(home: fixture.home).update { _ in }
        #expect(FileManager.default.fileExists(atPath: released.path), "the write happened only after the other process let go")

        let stuck = try holdLock(lockPath, running: "sleep 2")
        defer {
            stuck.terminate()
            stuck.waitUntilExit()
        }
        let before = try Data(contentsOf: fixture.home.cronJobsFile)
        #expect(throws: WorkspaceError.self) {
            try CronJobsFile(home: fixture.home, lock: AgentFileLock.jobs(home: fixture.home, timeout: 0.5)).update { $0.removeAll() }
        }
        #expect(try Data(contentsOf: fixture.home.cronJobsFile) == before)
    }
}
