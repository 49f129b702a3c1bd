import Foundation

/// The Cron tab's use cases over `cron/jobs.json` and `cron/output/`: jobs with their live status, the scheduler's
/// health with overdue warnings, audited edits and actions that wake the local scheduler, run outputs, and schedule
/// previews in the agent's grammar. Blocking file work runs off the pool here, not in the route.
public struct CronService: Sendable {
    /// The scheduler's state with what the operator should know.
    public struct SchedulerReport: Sendable, Encodable {
        /// Who runs jobs and how that is going.
        public var state: CronScheduler.State
        /// The gateway ticker's heartbeat.
        public var ticker: CronTickerStatus
        /// Enabled jobs whose next run is more than two minutes past.
        public var overdueJobs: Int
        /// Sentences for the operator (a stale ticker with overdue jobs, a standby reason, a failed tick).
        public var warnings: [String]
    }

    /// A schedule's reading and its next fire times.
    public struct Preview: Sendable, Encodable {
        /// `cron`, `interval` or `once`.
        public var kind: String
        /// How the agent displays it.
        public var display: String
        /// The zone the times are in.
        public var timezone: String
        /// What would be stored in `jobs.json`.
        public var schedule: OrderedJSON
        /// The next fire times.
        public var next: [Date]
        /// Always `true`: the schedule parsed (a ``PreviewOutcome/refused(_:)`` says `false`).
        public var valid = true
    }

    /// A preview, or the agent's grammar refusing the schedule — answered, not thrown, for a form checking as the
    /// operator types (a 400 per keystroke would fill the browser's console).
    public enum PreviewOutcome: Sendable, Encodable {
        case parsed(Preview)
        /// Why the schedule is not one the agent accepts.
        case refused(String)

        private enum Keys: String, CodingKey { case valid, problem, next }
        private struct Problem: Encodable {
            let code = "invalid_input"
            let message: String
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .parsed(let preview):
                try preview.encode(to: encoder)
            case .refused(let message):
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(false, forKey: .valid)
                try container.encode([Date](), forKey: .next)
                try container.encode(Problem(message: message), forKey: .problem)
            }
        }
    }

    /// A run output's first MiB.
    public struct RunOutput: Sendable, Encodable {
        /// The run's id.
        public var id: String
        /// The text shown.
        public var text: String
        /// The whole output's size in bytes.
        public var sizeBytes: Int
        /// Whether `text` is only the first MiB (the download gives the whole file).
        public var truncated: Bool
    }

    let home: HermesHome
    let file: CronJobsFile
    let runs: CronRuns
    let actions: CronJobActions
    let editor: CronJobEditor
    public let scheduler: CronScheduler
    let timeZone: AgentTimeZone
    let audit: AuditLog
    let clock: any WorkspaceClock

    /// The service over `home`'s jobs file, run by `scheduler`, audited in `audit`.
    public init(
        home: HermesHome, file: CronJobsFile, timeZone: AgentTimeZone, scheduler: CronScheduler, audit: AuditLog,
        clock: any WorkspaceClock = SystemClock()
    ) {
        self.home = home
        self.file = file
        self.timeZone = timeZone
        self.scheduler = scheduler
        self.audit = audit
        self.clock = clock
        runs = CronRuns(home: home)
        actions = CronJobActions(home: home, file: file, timeZone: timeZone)
        editor = CronJobEditor(home: home, file: file, timeZone: timeZone)
    }

    /// The jobs, with the ones this process is running marked so.
    public func jobs() async throws -> [CronJobSummary] {
        let running = await scheduler.runningJobs()
        return try await offloaded { [file] in try file.jobs() }.compactMap(CronJobSummary.init).map { summary in
            var summary = summary
            if running.contains(summary.id) { summary.status = "running" }
            return summary
        }
    }

    /// One job; a 404 for an id that is not a job's.
    public func job(_ id: String) async throws -> CronJobSummary {
        guard CronRuns.isJobID(id), let job = try await jobs().first(where: { $0.id == id }) else {
            throw WorkspaceError.notFound(what: "Job \(id)")
        }
        return job
    }

    /// The scheduler's state, the ticker's heartbeat and the overdue count, with warnings when jobs are not running.
    public func schedulerReport() async throws -> SchedulerReport {
        let state = await scheduler.state()
        let ticker = CronTickerStatus(home: home)
        let now = clock.now()
        let due = try await offloaded { [file] in try file.jobs() }.filter { job in
            job["enabled"] != .bool(false)
                && (job["next_run_at"]?.stringValue.flatMap(CronJobsFile.date(fromISO:)).map { $0 <= now.addingTimeInterval(-120) } ?? false)
        }.count
        var warnings: [String] = []
        if state.mode == .gateway, ticker.stale, due > 0 {
            let age = ticker.heartbeatAgeSeconds.map { "last heartbeat \(Int($0)) s ago" } ?? "no heartbeat at all"
            warnings.append(
                "\(due) job(s) are overdue but the gateway's cron ticker is not running (\(age)). Start the gateway, or serve with --cron local.")
        }
        if let reason = state.standbyReason { warnings.append(reason) }
        if let error = state.lastError { warnings.append("The local scheduler's last tick failed: \(error)") }
        return SchedulerReport(state: state, ticker: ticker, overdueJobs: due, warnings: warnings)
    }

    /// Counts for monitoring, from one read of `jobs.json`: all jobs, enabled jobs whose next run time has passed,
    /// and jobs whose last run failed.
    public func counts() async throws -> (total: Int, due: Int, failed: Int) {
        let jobs = try await offloaded { [file] in try file.jobs() }
        let now = clock.now()
        let due = jobs.filter {
            $0["enabled"] != .bool(false) && ($0["next_run_at"]?.stringValue.flatMap(CronJobsFile.date(fromISO:)) ?? .distantFuture) <= now
        }
        return (jobs.count, due.count, jobs.filter { $0["last_status"]?.stringValue == "error" }.count)
    }

    /// Creates a job from `draft`.
    public func create(_ draft: CronJobDraft, actor: AuditActor?) async throws -> CronJobSummary {
        try await audited(.cronCreate, "new", actor) { [editor, clock] in try editor.create(draft, now: clock.now()) }
    }

    /// Replaces job `id`'s editable fields when `revision` admits the job's current one.
    public func update(_ id: String, with draft: CronJobDraft, revision: ExpectedRevision?, actor: AuditActor?) async throws -> CronJobSummary {
        try await audited(.cronUpdate, id, actor) { [editor, clock] in try editor.update(id, with: draft, expecting: revision, now: clock.now()) }
    }

    /// Pauses job `id`, saying why (at most 500 characters).
    public func pause(_ id: String, reason: String?, actor: AuditActor?) async throws -> CronJobSummary {
        guard (reason?.count ?? 0) <= 500 else { throw WorkspaceError.invalidInput("The reason is longer than 500 characters.") }
        return try await audited(.cronPause, id, actor) { [actions, clock] in try actions.pause(id, reason: reason, now: clock.now()) }
    }

    /// Resumes job `id`.
    public func resume(_ id: String, actor: AuditActor?) async throws -> CronJobSummary {
        try await audited(.cronResume, id, actor) { [actions, clock] in try actions.resume(id, now: clock.now()) }
    }

    /// Runs job `id` at the next tick.
    public func trigger(_ id: String, actor: AuditActor?) async throws -> CronJobSummary {
        try await audited(.cronTrigger, id, actor) { [actions, clock] in try actions.trigger(id, now: clock.now()) }
    }

    /// Deletes job `id` (its outputs stay).
    public func delete(_ id: String, actor: AuditActor?) async throws {
        try await audited(.cronDelete, id, actor) { [actions] in try actions.delete(id) }
    }

    /// A page of job `id`'s runs, newest first. Outputs outlive a deleted job and stay readable; a job that is gone
    /// and left none is a 404.
    public func runs(of id: String, limit: Int, before cursor: String?) async throws -> (runs: [CronRuns.Run], nextCursor: String?) {
        try await offloaded { [runs, file] in
            let page = try runs.runs(of: id, limit: limit, before: cursor)
            if !runs.hasOutputs(of: id), try file.jobs().allSatisfy({ $0["id"]?.stringValue != id }) {
                throw WorkspaceError.notFound(what: "Job \(id)")
            }
            return page
        }
    }

    /// The first MiB of a run's output.
    public func output(of job: String, run: String) async throws -> RunOutput {
        let preview = try await offloaded { [runs] in try runs.outputPreview(of: job, run: run) }
        return RunOutput(id: run, text: preview.text, sizeBytes: preview.size, truncated: preview.truncated)
    }

    /// The file holding a run's whole output.
    public func outputFile(of job: String, run: String) throws -> URL {
        try runs.outputFile(of: job, run: run)
    }

    /// Validates `schedule` in the agent's grammar and computes its next `count` fire times in `timezone` (default:
    /// the agent's); a schedule the grammar refuses is ``PreviewOutcome/refused(_:)``, a bad zone or count throws
    /// (they are the caller's mistake, not the text's).
    public func check(_ schedule: String, timezone: String?, count: Int) throws -> PreviewOutcome {
        let zone: TimeZone
        if let name = timezone, !name.isEmpty {
            guard let named = TimeZone(identifier: name) else { throw WorkspaceError.invalidInput("Unknown time zone \(name).") }
            zone = named
        } else {
            zone = timeZone.current
        }
        guard (1...50).contains(count) else { throw WorkspaceError.invalidInput("`count` must be 1 to 50.") }
        guard schedule.count <= 200 else { return .refused("The schedule is too long.") }
        let parsed: CronSchedule
        do { parsed = try CronSchedule(parsing: schedule, now: clock.now(), zone: zone) } catch WorkspaceError.invalidInput(let message) {
            return .refused(message)
        }
        let now = clock.now()
        var next: [Date] = []
        var cursor = now
        var lastRun: Date?
        while next.count < count, let fire = parsed.nextRun(after: cursor, lastRun: lastRun, zone: zone) {
            next.append(fire)
            cursor = fire
            lastRun = fire
        }
        let stored = parsed.stored()
        let kind: String = if case .object(let members) = stored, case .string(let value)? = members.first?.value { value } else { "" }
        return .parsed(Preview(kind: kind, display: parsed.display, timezone: zone.identifier, schedule: stored, next: next))
    }

    /// Runs a job change off the pool, records it, and wakes the local scheduler.
    private func audited<T: Sendable>(
        _ action: AuditAction, _ id: String, _ actor: AuditActor?, _ work: @escaping @Sendable () throws -> T
    ) async throws -> T {
        let result = try await audit.recording(action, target: id, actor: actor, resultTarget: { ($0 as? CronJobSummary)?.id }, work)
        await scheduler.wake()
        return result
    }
}
