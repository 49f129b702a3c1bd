import Foundation
import WorkspaceCore

/// The demo's `cron/jobs.json` (one job of every schedule kind, one paused, one failing), run outputs and the
/// ticker heartbeat, in the agent's exact layout.
struct DemoCron {
    static let jobIDs = ["3f9a1c2b7d4e", "8b2e6f0a91c3", "c47d2a9e5b10", "e5a0b8c3d217", "1d6f4b9a0e8c"]
    let now: Date
    let timeZone: TimeZone

    func write(to home: HermesHome, writer: AtomicFileWriter) throws {
        let outputRoot = home.cronDirectory.appendingPathComponent("output")
        try FileManager.default.createDirectory(at: outputRoot, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        _ = FileManager.default.createFile(atPath: home.cronDirectory.appendingPathComponent(".jobs.lock").path, contents: Data())
        let document = OrderedJSON.object([
            "jobs": .array(jobs()),
            "updated_at": .string(iso(now)),
        ])
        try writer.write(Data(document.rendered(.indented).utf8), to: home.cronJobsFile)
        try writer.write(Data(String(format: "%.6f", now.timeIntervalSince1970 - 2_400).utf8), to: home.cronTickerHeartbeat)
        for (jobIndex, name) in [(0, "Inbox triage"), (1, "Morning briefing"), (4, "Nightly backup check")] {
            let folder = outputRoot.appendingPathComponent(Self.jobIDs[jobIndex])
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for run in 1...6 {
                let at = now.addingTimeInterval(-Double(run) * 86_400 + 3_600)
                try writer.write(
                    Data(output(job: jobIndex, name: name, at: at, failed: jobIndex == 4 && run == 1).utf8),
                    to: folder.appendingPathComponent("\(stamp(at, "yyyy-MM-dd_HH-mm-ss")).md"))
            }
        }
    }

    private func jobs() -> [OrderedJSON] {
        [
            job(
                0, name: "Inbox triage", prompt: "Triage my inbox: label, archive newsletters, list what needs an answer.",
                skills: ["email-triage"], schedule: .object(["kind": .string("interval"), "minutes": .int(30), "display": .string("every 30m")]),
                display: "every 30m", next: now.addingTimeInterval(1_200), last: now.addingTimeInterval(-600), status: "ok", deliver: "local"),
            job(
                1, name: "Morning briefing", prompt: "Give me my morning briefing: calendar, weather, top news.",
                skills: ["morning-briefing"],
                schedule: .object(["kind": .string("cron"), "expr": .string("0 9 * * 1-5"), "display": .string("0 9 * * 1-5")]),
                display: "0 9 * * 1-5", next: next("0 9 * * 1-5"), last: previous("0 9 * * 1-5"), status: "ok", deliver: "telegram",
                origin: .object([
                    "platform": .string("telegram"), "chat_id": .string("12345"), "chat_name": .string("Demo DM"), "thread_id": .null,
                    "user_id": .string("12345"),
                ])),
            job(
                2, name: "Quarterly report reminder", prompt: "Remind me to start the quarterly report.",
                skills: [],
                schedule: .object([
                    "kind": .string("once"), "run_at": .string(iso(now.addingTimeInterval(5 * 86_400))),
                    "display": .string("once at \(stamp(now.addingTimeInterval(5 * 86_400), "yyyy-MM-dd HH:mm"))"),
                ]),
                display: "once at \(stamp(now.addingTimeInterval(5 * 86_400), "yyyy-MM-dd HH:mm"))", next: now.addingTimeInterval(5 * 86_400),
                last: nil, status: nil, deliver: "local", times: 1),
            job(
                3, name: "Weekly dependency audit", prompt: "Check the repositories for outdated dependencies and open issues for majors.",
                skills: ["dependency-audit"],
                schedule: .object(["kind": .string("cron"), "expr": .string("30 7 * * 1"), "display": .string("30 7 * * 1")]),
                display: "30 7 * * 1", next: next("30 7 * * 1"), last: previous("30 7 * * 1"), status: "ok",
                deliver: "local",
                paused: "Paused during the migration freeze"),
            job(
                4, name: "Nightly backup check", prompt: "Verify last night's backups and report anything missing.",
                skills: [], schedule: .object(["kind": .string("cron"), "expr": .string("15 2 * * *"), "display": .string("15 2 * * *")]),
                display: "15 2 * * *", next: next("15 2 * * *"), last: previous("15 2 * * *"), status: "error", deliver: "local",
                error: "RuntimeError: restic: repository is locked by another process", extra: .object(["x_team": .string("ops")])),
        ]
    }

    private func job(
        _ index: Int, name: String, prompt: String, skills: [String], schedule: OrderedJSON, display: String, next: Date,
        last: Date?, status: String?, deliver: String, origin: OrderedJSON = .null, times: Int? = nil,
        paused: String? = nil, error: String? = nil, extra: OrderedJSON? = nil
    ) -> OrderedJSON {
        var members: [OrderedJSON.Member] = [
            .init("id", .string(Self.jobIDs[index])), .init("name", .string(name)), .init("prompt", .string(prompt)),
            .init("skills", .array(skills.map(OrderedJSON.string))), .init("skill", .optional(skills.first)),
            .init("model", .null), .init("provider", .null),
            .init("provider_snapshot", .string("openrouter")), .init("model_snapshot", .string("anthropic/claude-sonnet-4.5")),
            .init("base_url", .null), .init("script", .null), .init("no_agent", .bool(false)), .init("context_from", .null),
            .init("schedule", schedule), .init("schedule_display", .string(display)),
            .init("repeat", .object(["times": times.map(OrderedJSON.int) ?? .null, "completed": .int(last == nil ? 0 : 6)])),
            .init("enabled", .bool(paused == nil)), .init("state", .string(paused == nil ? "scheduled" : "paused")),
            .init("paused_at", paused == nil ? .null : .string(iso(now.addingTimeInterval(-2 * 86_400)))), .init("paused_reason", .optional(paused)),
            .init("created_at", .string(iso(now.addingTimeInterval(-30 * 86_400)))), .init("next_run_at", .string(iso(next))),
            .init("last_run_at", last.map { .string(iso($0)) } ?? .null), .init("last_status", .optional(status)),
            .init("last_error", .optional(error)), .init("last_delivery_error", .null), .init("deliver", .string(deliver)),
            .init("origin", origin), .init("enabled_toolsets", .null), .init("workdir", .null),
        ]
        if case .object(let more)? = extra { members.append(contentsOf: more) }
        return .object(members)
    }

    private func output(job: Int, name: String, at: Date, failed: Bool) -> String {
        var text =
            "# Cron Job: \(name)\(failed ? " (FAILED)" : "")\n\n**Job ID:** \(Self.jobIDs[job])\n**Run Time:** \(stamp(at, "yyyy-MM-dd HH:mm:ss"))\n**Schedule:** \(["every 30m", "0 9 * * 1-5", "", "", "15 2 * * *"][job])\n\n## Prompt\n\n"
        text +=
            [
                "Triage my inbox: label, archive newsletters, list what needs an answer.",
                "Give me my morning briefing: calendar, weather, top news.", "", "", "Verify last night's backups and report anything missing.",
            ][job]
        if failed {
            text += "\n\n## Error\n\n```\nRuntimeError: restic: repository is locked by another process\n```\n"
        } else {
            text +=
                "\n\n## Response\n\n"
                + [
                    "- 3 emails need an answer (invoice #4411, offsite poll, contract review)\n- 12 newsletters archived",
                    "**Calendar:** standup 09:30, design review 13:00\n**Weather:** 4 °C, rain until noon\n**News:** nothing urgent", "", "",
                    "All 4 backup sets completed; newest snapshot 02:14, 38.2 GB.",
                ][job] + "\n"
        }
        return text
    }

    /// When `expression` fires next after now, as the agent computes it (so a card's reading and its next run agree).
    private func next(_ expression: String) -> Date {
        let schedule = try? CronSchedule(parsing: expression, now: now, zone: timeZone)
        return schedule?.nextRun(after: now, lastRun: nil, zone: timeZone) ?? now
    }

    /// The last time `expression` fired before now (its latest fire within the past 8 days).
    private func previous(_ expression: String) -> Date {
        guard let schedule = try? CronSchedule(parsing: expression, now: now, zone: timeZone) else { return now }
        var cursor = now.addingTimeInterval(-8 * 86_400)
        var last = cursor
        while let fire = schedule.nextRun(after: cursor, lastRun: nil, zone: timeZone), fire < now {
            last = fire
            cursor = fire
        }
        return last
    }

    private func iso(_ date: Date) -> String {
        stamp(date, "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxxxx")
    }

    private func stamp(_ date: Date, _ format: String) -> String {
        DemoDateFormat.formatter(format, timeZone: timeZone).string(from: date)
    }
}
