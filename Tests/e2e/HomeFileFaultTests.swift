import Foundation
import Testing

/// The real binary when the files it edits are corrupt, locked, on a full disk, or when it is killed mid-save:
/// clear errors, the previous content intact, no partial files, and recovery without a restart.
@Suite struct HomeFileFaultTests {
    private static let json = ["Content-Type: application/json"]
    private static let newJob = #"{"prompt":"Summarise the overnight alerts","schedule":"every 2h","name":"fault probe"}"#

    @Test func corruptAndLockedJobsFile() async throws {
        let site = try await DemoSite.start(sessions: 5)
        defer { site.stop() }
        let client = try await site.client()
        let jobs = site.home.appendingPathComponent("cron/jobs.json")
        let good = try Data(contentsOf: jobs)

        let corrupt = Data(#"{"jobs": [{"id": "abc", "#.utf8)
        try corrupt.write(to: jobs)
        let listed = try await client.send("GET", "/api/v1/cron/jobs")
        #expect((400..<600).contains(listed.status) && listed.errorCode != nil, "\(listed.status)")
        let created = try await client.send("POST", "/api/v1/cron/jobs", headers: Self.json, body: Self.newJob)
        #expect((400..<600).contains(created.status) && created.errorCode != nil, "a corrupt file is never overwritten: \(created.status)")
        #expect(try Data(contentsOf: jobs) == corrupt)
        try good.write(to: jobs)
        #expect(try await client.send("GET", "/api/v1/cron/jobs").status == 200)

        // The agent's lock held by another process until it is killed: the save waits, then gives up with 503; the
        // file is as it was; once the lock is free the same save goes through.
        let holder = try await PythonHolder(
            """
            import fcntl, sys, time
            lock = open(sys.argv[1], "a")
            fcntl.flock(lock, fcntl.LOCK_EX)
            print("ready", flush=True)
            time.sleep(300)
            """, [site.home.appendingPathComponent("cron/.jobs.lock").path])
        defer { holder.stop() }
        let waited = try await client.send("POST", "/api/v1/cron/jobs", headers: Self.json, body: Self.newJob)
        #expect(waited.status == 503 && waited.errorCode != nil, "\(waited.status)")
        #expect(try Data(contentsOf: jobs) == good)
        #expect(holder.isRunning, "the 503 came while the lock was held")
        holder.stop()
        #expect(try await client.send("POST", "/api/v1/cron/jobs", headers: Self.json, body: Self.newJob).status == 201)
        #expect(site.server.isRunning)
    }

    @Test func invalidConfigIsReportedAndNeverOverwritten() async throws {
        let site = try await DemoSite.start(sessions: 5)
        defer { site.stop() }
        let client = try await site.client()
        let config = site.home.appendingPathComponent("config.yaml")
        let good = try Data(contentsOf: config)
        let broken = Data("model:\n  default: [unclosed\nagent: {max_turns: 3\n".utf8)
        try broken.write(to: config)
        let read = try await client.send("GET", "/api/v1/config")
        #expect((400..<600).contains(read.status) && read.errorCode != nil, "\(read.status)")
        let patched = try await client.send(
            "PATCH", "/api/v1/config", headers: Self.json + ["If-Match: *"],
            body: #"{"operations":[{"path":"agent.max_turns","value":40}]}"#)
        #expect((400..<600).contains(patched.status) && patched.errorCode != nil, "\(patched.status)")
        #expect(try Data(contentsOf: config) == broken)
        #expect(try await client.send("GET", "/api/v1/status").status == 200, "the other tabs keep working")
        #expect(try await client.send("GET", "/api/v1/sessions").status == 200)
        try good.write(to: config)
        let fixed = try await client.send("GET", "/api/v1/config")
        #expect(fixed.status == 200)
        let etag = try #require(fixed.header("ETag"))
        let saved = try await client.send(
            "PATCH", "/api/v1/config", headers: Self.json + ["If-Match: \(etag)"],
            body: #"{"operations":[{"path":"agent.max_turns","value":40}]}"#)
        #expect(saved.status == 200)
    }

    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
    func fullFilesystemDuringSaves() async throws {
        let mount = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        try await offThePool { try run("/bin/mount", ["-t", "tmpfs", "-o", "size=6m", "tmpfs", mount.path]) }
        defer {
            _ = try? run("/bin/umount", [mount.path])
            try? FileManager.default.removeItem(at: mount)
        }
        let site = try await DemoSite.start(sessions: 5, root: mount)
        defer { site.server.stop() }
        let client = try await site.client()
        let config = site.home.appendingPathComponent("config.yaml")
        let env = site.home.appendingPathComponent(".env")
        let (configBefore, envBefore) = (try Data(contentsOf: config), try Data(contentsOf: env))
        let etag = try #require(try await client.send("GET", "/api/v1/config").header("ETag"))

        // O_CLOEXEC: a process another test starts meanwhile must not inherit the filler and keep its space after
        // the unlink below.
        let filler = mount.appendingPathComponent("filler")
        let descriptor = open(filler.path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        try #require(descriptor >= 0)
        let chunk = [UInt8](repeating: 0, count: 64 << 10)
        while write(descriptor, chunk, chunk.count) > 0 {}
        close(descriptor)

        let patched = try await client.send(
            "PATCH", "/api/v1/config", headers: Self.json + ["If-Match: \(etag)"],
            body: #"{"operations":[{"path":"agent.max_turns","value":41}]}"#)
        #expect(patched.status >= 500 && patched.errorCode != nil, "\(patched.status)")
        let key = try await client.send("PUT", "/api/v1/keys/FULL_DISK_KEY", headers: Self.json, body: #"{"value":"x-123"}"#)
        #expect(key.status >= 500 && key.errorCode != nil, "\(key.status)")
        #expect(try Data(contentsOf: config) == configBefore && Data(contentsOf: env) == envBefore)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.home.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "no partial files: \(leftovers)")
        #expect(site.server.isRunning)

        try FileManager.default.removeItem(at: filler)
        let retried = try await client.send(
            "PATCH", "/api/v1/config", headers: Self.json + ["If-Match: \(etag)"],
            body: #"{"operations":[{"path":"agent.max_turns","value":41}]}"#)
        #expect(retried.status == 200)
        #expect(try await client.send("PUT", "/api/v1/keys/FULL_DISK_KEY", headers: Self.json, body: #"{"value":"x-123"}"#).status == 200)
    }

    @Test func killedMidSaveLeavesTheOldOrTheNewFileNeverAMix() async throws {
        var site = try await DemoSite.start(sessions: 5)
        defer { site.stop() }
        let config = site.home.appendingPathComponent("config.yaml")
        let env = site.home.appendingPathComponent(".env")
        var outcomes = (old: 0, new: 0)
        for round in 1...25 {
            let client = try await site.client()
            let etag = try #require(try await client.send("GET", "/api/v1/config").header("ETag"))
            let configBefore = try String(contentsOf: config, encoding: .utf8)
            let envBefore = try String(contentsOf: env, encoding: .utf8)
            let turns = try #require(configBefore.firstMatch(of: /max_turns: (\d+)/)).1
            let patch = Task {
                try await client.send(
                    "PATCH", "/api/v1/config", headers: Self.json + ["If-Match: \(etag)"],
                    body: #"{"operations":[{"path":"agent.max_turns","value":\#(1_000 + round)}]}"#)
            }
            let key = Task {
                try await client.send("PUT", "/api/v1/keys/KILL_ROUND", headers: Self.json, body: #"{"value":"round-\#(round)"}"#)
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...12)))
            kill(site.server.pid, SIGKILL)
            _ = try? await patch.value
            _ = try? await key.value
            site.server.stop()

            let configAfter = try String(contentsOf: config, encoding: .utf8)
            let updated = configBefore.replacingOccurrences(of: "max_turns: \(turns)", with: "max_turns: \(1_000 + round)")
            #expect(configAfter == configBefore || configAfter == updated, "round \(round): config.yaml is neither the old nor the new text")
            if configAfter == configBefore { outcomes.old += 1 } else { outcomes.new += 1 }
            let otherLines = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("KILL_ROUND=") } }
            let envAfter = try String(contentsOf: env, encoding: .utf8)
            #expect(otherLines(envAfter) == otherLines(envBefore), "round \(round): .env lost or mixed lines")
            let keyLines = envAfter.split(separator: "\n").filter { $0.hasPrefix("KILL_ROUND=") }
            #expect(keyLines.count <= 1 && keyLines.allSatisfy { $0 == "KILL_ROUND=round-\(round)" || envBefore.contains($0) }, "round \(round)")
            site = try await DemoSite.serve(root: site.root)
        }
        let temporary = try FileManager.default.contentsOfDirectory(atPath: site.home.path).filter { $0.hasSuffix(".tmp") }
        #expect(temporary.isEmpty, "a restart sweeps what killed writers left: \(temporary)")
        #expect(try await site.client().send("GET", "/api/v1/config").status == 200)
        print("killed mid-save 25 times: config.yaml kept the old text \(outcomes.old) times, had the new text \(outcomes.new) times")
    }
}
