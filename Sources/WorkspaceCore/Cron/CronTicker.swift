import Foundation

/// One scheduler tick over `jobs.json`, with the agent's own rules, so the workspace and a gateway on the same home
/// can never both fire a job: the tick runs under `cron/.tick.lock` (skipped when another process ticks) and
/// claims due jobs in a single locked write before anything runs — a recurring job's `next_run_at` moves past now
/// (missed slots after downtime collapse into this one run), a one-shot gets a `run_claim` and its run counted.
/// ``finish(_:with:at:)`` then records the run as the agent's `mark_job_run` does. Blocking: call it off the pool.
public struct CronTicker: Sendable {
    /// A job claimed for running.
    public struct Claim: Sendable {
        /// The job as it was when claimed.
        public var job: OrderedJSON
        /// Its id.
        public var id: String
        /// When it was claimed.
        public var claimedAt: Date
    }

    private let file: CronJobsFile
    private let tickLock: AgentFileLock
    private let runs: CronRuns
    private let home: HermesHome
    private let timeZone: AgentTimeZone
    private let owner: String
    private let runClaimLifetime: TimeInterval

    /// A ticker for `home`; `owner` names this process in claims (`host:pid`, as the agent writes).
    public init(
        home: HermesHome, file: CronJobsFile, timeZone: AgentTimeZone, runTimeout: TimeInterval,
        owner: String = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    ) {
        self.home = home
        self.file = file
        self.timeZone = timeZone
        self.owner = owner
        tickLock = .tick(home: home)
        runs = CronRuns(home: home)
        runClaimLifetime = max(3 * runTimeout, 1_800)
    }

    /// Claims up to `limit` jobs due at `now`, except those in `running`; `nil` when another process is ticking.
    public func claimDueJobs(now: Date = Date(), running: Set<String> = [], limit: Int = .max) throws -> [Claim]? {
        let zone = timeZone.current
        return try tickLock.withLockIfFree {
            try file.update(
                onlyIfChanged: true,
                { jobs -> [Claim] in
                    var claims: [Claim] = []
                    var index = 0
                    while index < jobs.count {
                        let job = jobs[index]
                        guard claims.count < limit, let id = job["id"]?.stringValue, !running.contains(id), job["enabled"] != .bool(false),
                            let schedule = job["schedule"].flatMap(CronSchedule.init(stored:))
                        else {
                            index += 1
                            continue
                        }
                        switch claim(job, id: id, schedule: schedule, now: now, zone: zone) {
                        case .skip:
                            index += 1
                        case .update(let updated):
                            jobs[index] = updated
                            index += 1
                        case .run(let updated):
                            jobs[index] = updated
                            claims.append(Claim(job: updated, id: id, claimedAt: now))
                            index += 1
                        case .remove:
                            jobs.remove(at: index)
                        }
                    }
                    return claims
                }, now: now)
        }
    }

    private enum Decision {
        case skip
        case update(OrderedJSON)
        case run(OrderedJSON)
        case remove
    }

    private func claim(_ job: OrderedJSON, id: String, schedule: CronSchedule, now: Date, zone: TimeZone) -> Decision {
        var job = job
        var changed = false
        if !schedule.isRecurring, let claim = job["run_claim"], let at = claim["at"]?.stringValue.flatMap(CronJobsFile.date(fromISO:)) {
            let age = now.timeIntervalSince(at)
            if age >= 0, age < runClaimLifetime { return .skip }
        }
        var nextText = job["next_run_at"]?.stringValue
        if nextText.flatMap(CronJobsFile.date(fromISO:)) == nil {
            let lastRun = job["last_run_at"]?.stringValue.flatMap(CronJobsFile.date(fromISO:))
            guard let recovered = schedule.storedNextRun(after: now, lastRun: schedule.isRecurring ? now : lastRun, zone: zone) else {
                return .skip
            }
            job = job.setting("next_run_at", to: .string(recovered))
            nextText = recovered
            changed = true
        }
        guard let text = nextText, let next = CronJobsFile.date(fromISO: text) else { return .skip }
        guard next <= now else { return changed ? .update(job) : .skip }
        if case .cron = schedule, let stored = WallClockTime(iso: text), let offset = stored.offset, offset != zone.secondsFromGMT(for: now),
            WallClockTime(now, in: zone).isEarlier(than: stored)
        {
            // The zone changed since this time was stored and its wall-clock time is still ahead: recompute, don't fire early.
            guard let recomputed = schedule.storedNextRun(after: now, lastRun: now, zone: zone) else { return .skip }
            return .update(job.setting("next_run_at", to: .string(recomputed)))
        }
        if schedule.isRecurring {
            guard let advanced = schedule.storedNextRun(after: now, lastRun: now, zone: zone) else { return .skip }
            return .run(job.setting("next_run_at", to: .string(advanced)))
        }
        let times = job["repeat"]?["times"]?.intValue ?? 0
        let completed = job["repeat"]?["completed"]?.intValue ?? 0
        if times > 0, completed >= times { return .remove }
        job = job.setting("run_claim", to: .object(["at": .string(CronJobsFile.isoFormat(now, zone: zone)), "by": .string(owner)]))
        if times > 0, let repeatObject = job["repeat"] {
            job = job.setting("repeat", to: repeatObject.setting("completed", to: .int(completed + 1)))
        }
        return .run(job)
    }

    /// The earliest `next_run_at` of an enabled job (a job without one counts as due now).
    public func nextDue(now: Date = Date()) throws -> Date? {
        try file.jobs().compactMap { job -> Date? in
            guard job["enabled"] != .bool(false), job["id"]?.stringValue != nil else { return nil }
            return job["next_run_at"]?.stringValue.flatMap(CronJobsFile.date(fromISO:)) ?? now
        }.min()
    }

    /// Saves the run's output and records it: `last_run_at`, `last_status`, `last_error`, the run count, the next
    /// run from now — or removes the job when its repeat count is reached, as the agent does.
    @discardableResult
    public func finish(_ claim: Claim, with result: CronRunResult, at now: Date = Date()) throws -> String {
        let zone = timeZone.current
        let runID = try runs.save(
            document(for: claim, result: result, at: now, zone: zone), of: claim.id, at: now, zone: zone, keep: outputRetention())
        try file.update(
            { jobs in
                guard let index = jobs.firstIndex(where: { $0["id"]?.stringValue == claim.id }) else { return }
                var job = jobs[index]
                let deliver = job["deliver"]?.stringValue ?? "local"
                job = job.setting("last_run_at", to: .string(CronJobsFile.isoFormat(now, zone: zone)))
                    .setting("last_status", to: .string(result.succeeded ? "ok" : "error"))
                    .setting("last_error", to: .optional(result.succeeded ? nil : result.error ?? "failed"))
                    .setting(
                        "last_delivery_error",
                        to: .optional(
                            deliver == "local" ? nil : "Not delivered to \(deliver): the workspace's local scheduler saves the output only.")
                    )
                    .setting("fire_claim", to: .null)
                if job["run_claim"] != nil, job["run_claim"] != .null { job = job.setting("run_claim", to: .null) }
                let schedule = job["schedule"].flatMap(CronSchedule.init(stored:))
                if let repeatObject = job["repeat"], case .object = repeatObject {
                    let times = repeatObject["times"]?.intValue ?? 0
                    var completed = repeatObject["completed"]?.intValue ?? 0
                    let preclaimed = schedule?.isRecurring == false && times > 0 && completed > 0
                    if !preclaimed {
                        completed += 1
                        job = job.setting("repeat", to: repeatObject.setting("completed", to: .int(completed)))
                    }
                    if times > 0, completed >= times {
                        jobs.remove(at: index)
                        return
                    }
                }
                if let next = schedule?.storedNextRun(after: now, lastRun: now, zone: zone) {
                    job = job.setting("next_run_at", to: .string(next))
                    if job["state"]?.stringValue != "paused" { job = job.setting("state", to: .string("scheduled")) }
                } else if schedule?.isRecurring == true {
                    job = job.setting("next_run_at", to: .null).setting("state", to: .string("error"))
                } else {
                    job = job.setting("next_run_at", to: .null).setting("enabled", to: .bool(false)).setting("state", to: .string("completed"))
                }
                jobs[index] = job
            }, now: now)
        return runID
    }

    /// The output file, laid out as the agent writes it.
    private func document(for claim: Claim, result: CronRunResult, at now: Date, zone: TimeZone) -> String {
        let wall = WallClockTime(now, in: zone)
        var text = "# Cron Job: \(claim.job["name"]?.stringValue ?? claim.id)\(result.succeeded ? "" : " (FAILED)")\n\n"
        text += "**Job ID:** \(claim.id)\n"
        text += "**Run Time:** \(wall.minuteText):\(String(format: "%02d", wall.second))\n"
        text += "**Schedule:** \(claim.job["schedule_display"]?.stringValue ?? "N/A")\n\n"
        text += "## Prompt\n\n\(claim.job["prompt"]?.stringValue ?? "")\n\n"
        if result.succeeded { return text + "## Response\n\n\(result.output)\n" }
        text += "## Error\n\n```\n\(result.error ?? "failed")\n```\n"
        return result.output.isEmpty ? text : text + "\n## Output\n\n\(result.output)\n"
    }

    /// `cron.output_retention` from `config.yaml` (default 50).
    private func outputRetention() -> Int {
        guard let text = try? String(contentsOf: home.configFile, encoding: .utf8),
            let document = try? YAMLDocument(text: text)
        else { return 50 }
        return document.value["cron"]?["output_retention"]?.intValue ?? 50
    }
}
