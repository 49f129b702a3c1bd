import Foundation
import Testing

/// Two real `hermes-workspace serve --cron local` processes on one home: every due job runs exactly once.
@Suite struct CronTwoProcessTests {
    @Test func twoWorkspaceProcessesNeverRunAJobTwice() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-e2e-cron-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let home = root.appendingPathComponent("home")
        let binary = try BrowserEnvironment.binary()
        try await offThePool { try run(binary.path, ["demo", home.path, "--sessions", "1"]) }
        try? FileManager.default.removeItem(at: home.appendingPathComponent("cron/ticker_heartbeat"))
        let due = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-5))
        let ids = (0..<12).map { String(format: "0000000000%02d", $0) }
        let jobs = ids.enumerated().map { index, id -> [String: Any] in
            let once = index % 3 == 0
            return [
                "id": id, "name": "job \(index)", "prompt": "say \(index)",
                "schedule": once ? ["kind": "once", "run_at": due, "display": "once"] : ["kind": "interval", "minutes": 60, "display": "every 60m"],
                "schedule_display": once ? "once" : "every 60m", "repeat": ["times": once ? 1 : NSNull(), "completed": 0] as [String: Any],
                "enabled": true, "state": "scheduled", "next_run_at": due,
            ]
        }
        try JSONSerialization.data(withJSONObject: ["jobs": jobs, "updated_at": due], options: [.prettyPrinted])
            .write(to: home.appendingPathComponent("cron/jobs.json"))
        let ledger = root.appendingPathComponent("ledger")
        let command = "sh -c 'echo {id} $WORKSPACE_NAME >> \(ledger.path); sleep 0.4; echo ran {id}'"
        let servers = try ["a", "b"].map { name in
            try ServerProcess(
                binary: binary, home: home, webRoot: BrowserEnvironment.repository.appendingPathComponent("web"),
                arguments: ["--cron", "local", "--cron-command", command, "--cron-parallel", "1"], environment: ["WORKSPACE_NAME": name])
        }
        defer { servers.forEach { $0.stop() } }
        for server in servers { _ = try await server.waitForReadyURL() }

        let jobsFile = home.appendingPathComponent("cron/jobs.json")
        var finished = false
        for _ in 0..<300 where !finished {
            try await Task.sleep(for: .milliseconds(100))
            let document = try JSONSerialization.jsonObject(with: Data(contentsOf: jobsFile)) as? [String: Any]
            let stored = document?["jobs"] as? [[String: Any]] ?? []
            finished = stored.count == 8 && stored.allSatisfy { $0["last_status"] as? String == "ok" }
        }
        #expect(finished, "the 8 recurring jobs ran and the 4 one-shots ran and left")
        try await Task.sleep(for: .seconds(1))
        let lines = try String(contentsOf: ledger, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ") }
        #expect(lines.map { String($0[0]) }.sorted() == ids, "each job exactly once: \(lines)")
        #expect(Set(lines.map { String($0[1]) }) == ["a", "b"], "both processes took part: \(lines)")
        for id in ids {
            let outputs = try FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("cron/output/\(id)").path)
            #expect(outputs.count == 1, "\(id): \(outputs)")
        }
    }
}
