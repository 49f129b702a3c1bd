import Foundation
import Yams

/// Creates and edits jobs with the agent's own rules: the schedule parsed and stored in its grammar, `next_run_at`
/// computed, skills de-duplicated with the legacy `skill` mirror kept, the model snapshot taken for unpinned jobs,
/// gateway restart commands refused, unknown fields and key order of an edited job kept. Blocking (it may wait for
/// the agent's lock): call it off the concurrency pool.
public struct CronJobEditor: Sendable {
    private let home: HermesHome
    private let file: CronJobsFile
    private let timeZone: AgentTimeZone

    /// An editor of `home`'s jobs.
    public init(home: HermesHome, file: CronJobsFile, timeZone: AgentTimeZone) {
        self.home = home
        self.file = file
        self.timeZone = timeZone
    }

    /// Adds a job (appended, as the agent does) and returns it.
    public func create(_ draft: CronJobDraft, now: Date = Date()) throws -> CronJobSummary {
        let zone = timeZone.current
        guard let scheduleText = draft.schedule else { throw WorkspaceError.invalidInput("`schedule` is required.") }
        let schedule = try CronSchedule(parsing: scheduleText, now: now, zone: zone)
        let prompt = draft.prompt ?? ""
        let skills = draft.skills ?? []
        let script = draft.script ?? nil
        let noAgent = draft.noAgent ?? false
        try checkRunnable(prompt: prompt, script: script, noAgent: noAgent)
        var times = draft.repeatTimes ?? nil
        if times == nil, !schedule.isRecurring { times = 1 }
        guard let next = schedule.storedNextRun(after: now, lastRun: nil, zone: zone) else {
            throw WorkspaceError.invalidInput("That time is more than \(Int(CronSchedule.pastTolerance)) s in the past and cannot be scheduled.")
        }
        let label = [prompt.isEmpty ? nil : prompt, skills.first, noAgent ? script : nil].compactMap { $0 }.first ?? "cron job"
        let model = draft.model ?? nil
        let job = OrderedJSON.object([
            "id": .string(String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12))),
            "name": .string((draft.name ?? nil) ?? String(label.prefix(50)).trimmingCharacters(in: .whitespaces)),
            "prompt": .string(prompt),
            "skills": .array(skills.map(OrderedJSON.string)),
            "skill": .optional(skills.first),
            "model": .optional(model),
            "provider": .optional(draft.provider ?? nil),
            "provider_snapshot": .null,
            "model_snapshot": .optional(model == nil && !noAgent ? defaultModel() : nil),
            "base_url": .optional((draft.baseURL ?? nil).map(Self.withoutTrailingSlashes)),
            "script": .optional(script),
            "no_agent": .bool(noAgent),
            "context_from": Self.list(draft.contextFrom ?? nil),
            "schedule": schedule.stored(),
            "schedule_display": .string(schedule.display),
            "repeat": .object(["times": times.map(OrderedJSON.int) ?? .null, "completed": .int(0)]),
            "enabled": .bool(true),
            "state": .string("scheduled"),
            "paused_at": .null,
            "paused_reason": .null,
            "created_at": .string(CronJobsFile.isoFormat(now, zone: zone)),
            "next_run_at": .string(next),
            "last_run_at": .null,
            "last_status": .null,
            "last_error": .null,
            "last_delivery_error": .null,
            "deliver": .string((draft.deliver ?? nil) ?? "local"),
            "origin": .null,
            "enabled_toolsets": Self.list(draft.enabledToolsets ?? nil),
            "workdir": .optional(try workdir(draft.workdir ?? nil)),
        ])
        try file.update { jobs in jobs.append(job) }
        guard let summary = CronJobSummary(job) else { throw WorkspaceError.invalidInput("The job could not be stored.") }
        return summary
    }

    /// Applies `draft` to job `id` when `expecting` admits its current revision; returns the job as stored.
    public func update(_ id: String, with draft: CronJobDraft, expecting: ExpectedRevision?, now: Date = Date()) throws -> CronJobSummary {
        guard CronRuns.isJobID(id) else { throw WorkspaceError.notFound(what: "Job \(id)") }
        guard expecting != nil else { throw WorkspaceError.revisionRequired("Send the job's ETag in If-Match.") }
        let zone = timeZone.current
        let workdir = try draft.workdir.map { try self.workdir($0) }
        return try file.update { jobs -> CronJobSummary in
            guard let index = jobs.firstIndex(where: { $0["id"]?.stringValue == id }) else { throw WorkspaceError.notFound(what: "Job \(id)") }
            let current = jobs[index]
            try ExpectedRevision.check(
                expecting, against: Revision(tag: CronJobSummary.etag(of: current)), missing: "Send the job's ETag in If-Match.",
                changed: "Job \(id) changed since you loaded it (the agent may have run it); reload and edit again.")
            var job = current
            func set(_ key: String, _ value: OrderedJSON) { job = job.setting(key, to: value) }
            if let name = draft.name { set("name", .optional(name)) }
            if let prompt = draft.prompt { set("prompt", .string(prompt)) }
            if let skills = draft.skills {
                set("skills", .array(skills.map(OrderedJSON.string)))
                set("skill", .optional(skills.first))
            }
            let inferenceBefore = Self.inferenceAxes(of: job)
            if let model = draft.model { set("model", .optional(model)) }
            if let provider = draft.provider { set("provider", .optional(provider)) }
            if let baseURL = draft.baseURL { set("base_url", .optional(baseURL.map(Self.withoutTrailingSlashes))) }
            if let noAgent = draft.noAgent { set("no_agent", .bool(noAgent)) }
            if let script = draft.script { set("script", .optional(script)) }
            if let deliver = draft.deliver { set("deliver", .string(deliver ?? "local")) }
            if let times = draft.repeatTimes {
                let completed = job["repeat"]?["completed"]?.intValue ?? 0
                set("repeat", .object(["times": times.map(OrderedJSON.int) ?? .null, "completed": .int(completed)]))
            }
            if let contextFrom = draft.contextFrom { set("context_from", Self.list(contextFrom)) }
            if let toolsets = draft.enabledToolsets { set("enabled_toolsets", Self.list(toolsets)) }
            if let workdir { set("workdir", .optional(workdir)) }
            if draft.prompt != nil || draft.script != nil || draft.noAgent != nil {
                try checkRunnable(
                    prompt: job["prompt"]?.stringValue ?? "", script: job["script"]?.stringValue, noAgent: job["no_agent"] == .bool(true))
            }
            let paused = job["state"]?.stringValue == "paused"
            if let text = draft.schedule {
                let schedule = try CronSchedule(parsing: text, now: now, zone: zone)
                set("schedule", schedule.stored())
                set("schedule_display", .string(schedule.display))
                if !paused {
                    guard let next = schedule.storedNextRun(after: now, lastRun: nil, zone: zone) else {
                        throw WorkspaceError.invalidInput(
                            "That time is more than \(Int(CronSchedule.pastTolerance)) s in the past and cannot be scheduled.")
                    }
                    set("next_run_at", .string(next))
                }
            }
            if Self.inferenceAxes(of: job) != inferenceBefore {
                let unpinnedModel = job["model"]?.stringValue == nil && job["no_agent"] != .bool(true)
                set("provider_snapshot", .null)
                set("model_snapshot", .optional(unpinnedModel ? defaultModel() : nil))
            }
            if job["enabled"] != .bool(false), !paused, job["next_run_at"]?.stringValue == nil {
                guard let schedule = job["schedule"].flatMap(CronSchedule.init(stored:)),
                    let next = schedule.storedNextRun(after: now, lastRun: nil, zone: zone)
                else {
                    throw WorkspaceError.invalidInput("The job has no future run time; give it a schedule that runs again.")
                }
                set("next_run_at", .string(next))
            }
            jobs[index] = job
            guard let summary = CronJobSummary(job) else { throw WorkspaceError.notFound(what: "Job \(id)") }
            return summary
        }
    }

    /// The agent refuses script-only jobs without a script and jobs that would restart the gateway that runs them.
    private func checkRunnable(prompt: String, script: String?, noAgent: Bool) throws {
        if noAgent, script == nil { throw WorkspaceError.invalidInput("`noAgent` needs a `script`: with neither there is nothing to run.") }
        var texts = [prompt]
        if let script {
            let path =
                script.hasPrefix("/") ? URL(fileURLWithPath: script) : home.root.appendingPathComponent("scripts").appendingPathComponent(script)
            if let handle = try? FileHandle(forReadingFrom: path) {
                defer { try? handle.close() }
                if let data = try? handle.read(upToCount: 1 << 20) { texts.append(String(decoding: data, as: UTF8.self)) }
            }
        }
        if texts.contains(where: GatewayLifecycleCommand.appears(in:)) {
            throw WorkspaceError.invalidInput(
                "The job contains a command that stops or restarts the Hermes gateway; a cron job doing that would restart the process running it in a loop."
            )
        }
    }

    private func workdir(_ path: String?) throws -> String? {
        guard let path else { return nil }
        let expanded = (path as NSString).expandingTildeInPath
        guard expanded.hasPrefix("/") else { throw WorkspaceError.invalidInput("`workdir` must be an absolute path.") }
        let resolved = URL(fileURLWithPath: expanded).resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WorkspaceError.invalidInput("`workdir` \(resolved) is not an existing folder.")
        }
        return resolved
    }

    /// `model.default` (or `model.model`, or a bare `model:` string) from `config.yaml`, as the agent snapshots it.
    private func defaultModel() -> String? {
        guard let text = try? String(contentsOf: home.configFile, encoding: .utf8),
            let document = try? Yams.load(yaml: text) as? [String: Any]
        else { return nil }
        let model = document["model"]
        let name = (model as? String) ?? ((model as? [String: Any]).flatMap { ($0["default"] as? String) ?? ($0["model"] as? String) })
        let trimmed = name?.trimmingCharacters(in: .whitespaces) ?? ""
        return trimmed.isEmpty || trimmed.contains("${") ? nil : trimmed
    }

    private static func inferenceAxes(of job: OrderedJSON) -> [OrderedJSON?] {
        [job["provider"], job["model"], job["base_url"], job["no_agent"]]
    }

    private static func list(_ names: [String]?) -> OrderedJSON {
        names.map { .array($0.map(OrderedJSON.string)) } ?? .null
    }

    private static func withoutTrailingSlashes(_ text: String) -> String {
        var text = text
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
