import Foundation
import Hummingbird
import WorkspaceCore

/// The Cron tab: the jobs in `cron/jobs.json` with their run outputs, and `/cron/preview`, which validates a
/// schedule in the agent's grammar and shows its next fire times.
struct CronRoutes {
    let timeZone: AgentTimeZone
    let jobs: CronJobsFile
    let runs: CronRuns
    let actions: CronJobActions
    let editor: CronJobEditor
    let scheduler: CronScheduler
    let home: HermesHome
    let audit: AuditLog

    struct PauseRequest: Decodable {
        var reason: String?
    }

    struct JobList: ResponseEncodable {
        var items: [CronJobSummary]
    }

    struct SchedulerAnswer: ResponseEncodable {
        var state: CronScheduler.State
        var ticker: CronTickerStatus
        var overdueJobs: Int
        var warnings: [String]
    }

    struct RunList: ResponseEncodable {
        var items: [CronRuns.Run]
        var nextCursor: String?
    }

    struct RunOutput: ResponseEncodable {
        var id: String
        var text: String
        /// The whole output's size in bytes.
        var sizeBytes: Int
        /// Whether `text` is only the first MiB (`?download=true` gives the whole file).
        var truncated: Bool
    }

    struct PreviewRequest: Decodable {
        var schedule: String
        var timezone: String?
        var count: Int?
    }

    struct PreviewAnswer: ResponseEncodable {
        var kind: String
        var display: String
        var timezone: String
        var schedule: OrderedJSON
        var next: [Date]
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("cron/jobs", .read) { _, _ in JobList(items: try await summaries()) }
        group.get("cron/scheduler", .read) { _, _ -> SchedulerAnswer in
            let state = await scheduler.state()
            let ticker = CronTickerStatus(home: home)
            let now = Date()
            let due = try jobs.jobs().filter { job in
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
            return SchedulerAnswer(state: state, ticker: ticker, overdueJobs: due, warnings: warnings)
        }
        group.post("cron/jobs", .admin) { request, context -> Response in
            let draft = try await self.draft(request, context)
            let job = try await audited(.cronCreate, "new", context) { try editor.create(draft) }
            return try .json(job, etag: job.etag, status: .created)
        }
        group.get("cron/jobs/:id", .read) { _, context -> Response in
            let id = try context.parameters.require("id")
            guard CronRuns.isJobID(id), let job = try await summaries().first(where: { $0.id == id }) else {
                throw WorkspaceError.notFound(what: "Job \(id)")
            }
            return try .json(job, etag: job.etag)
        }
        group.put("cron/jobs/:id", .admin) { request, context -> Response in
            let id = try context.parameters.require("id")
            let draft = try await self.draft(request, context)
            let ifMatch = request.headers[.ifMatch]
            let job = try await audited(.cronUpdate, id, context) { try editor.update(id, with: draft, ifMatch: ifMatch) }
            return try .json(job, etag: job.etag)
        }
        group.get("cron/jobs/:id/runs", .read) { request, context -> RunList in
            let values = QueryValues(request)
            let id = try context.parameters.require("id")
            let page = try runs.runs(
                of: id, limit: try values.int("limit", in: 1...200, default: 50),
                before: try values.string("cursor", maximumLength: 64))
            // Outputs outlive a deleted job and stay readable; a job that is gone and left none is a 404.
            if !runs.hasOutputs(of: id), try jobs.jobs().allSatisfy({ $0["id"]?.stringValue != id }) {
                throw WorkspaceError.notFound(what: "Job \(id)")
            }
            return RunList(items: page.runs, nextCursor: page.nextCursor)
        }
        group.get("cron/jobs/:id/runs/:run", .read) { request, context -> Response in
            let run = try context.parameters.require("run")
            let job = try context.parameters.require("id")
            if try QueryValues(request).bool("download") == true {
                return try FileDownload.response(
                    for: try runs.outputFile(of: job, run: run), name: "\(job)-\(run).md",
                    contentType: "text/markdown; charset=utf-8")
            }
            let preview = try await offloaded { try runs.outputPreview(of: job, run: run) }
            return try Response.json(RunOutput(id: run, text: preview.text, sizeBytes: preview.size, truncated: preview.truncated))
        }
        group.post("cron/jobs/:id/pause", .operate) { request, context -> CronJobSummary in
            let id = try context.parameters.require("id")
            let reason = try await request.decodeIfPresent(as: PauseRequest.self, context: context)?.reason
            guard (reason?.count ?? 0) <= 500 else {
                throw APIError(.badRequest, code: "invalid_input", message: "The reason is longer than 500 characters.")
            }
            return try await audited(.cronPause, id, context) { try actions.pause(id, reason: reason) }
        }
        group.post("cron/jobs/:id/resume", .operate) { _, context -> CronJobSummary in
            let id = try context.parameters.require("id")
            return try await audited(.cronResume, id, context) { try actions.resume(id) }
        }
        group.post("cron/jobs/:id/trigger", .operate) { _, context -> CronJobSummary in
            let id = try context.parameters.require("id")
            return try await audited(.cronTrigger, id, context) { try actions.trigger(id) }
        }
        group.delete("cron/jobs/:id", .admin) { _, context -> Response in
            let id = try context.parameters.require("id")
            try await audited(.cronDelete, id, context) { try actions.delete(id) }
            return Response(status: .noContent)
        }
        group.post("cron/preview", .read) { request, context -> PreviewAnswer in
            let body = try await request.decode(as: PreviewRequest.self, context: context)
            let zone: TimeZone
            if let name = body.timezone, !name.isEmpty {
                guard let named = TimeZone(identifier: name) else {
                    throw APIError(.badRequest, code: "invalid_input", message: "Unknown time zone \(name).")
                }
                zone = named
            } else {
                zone = timeZone.current
            }
            let count = body.count ?? 5
            guard (1...50).contains(count) else { throw APIError(.badRequest, code: "invalid_input", message: "`count` must be 1 to 50.") }
            guard body.schedule.count <= 200 else { throw APIError(.badRequest, code: "invalid_input", message: "The schedule is too long.") }
            let now = Date()
            let schedule = try CronSchedule(parsing: body.schedule, now: now, zone: zone)
            var next: [Date] = []
            var cursor = now
            var lastRun: Date?
            while next.count < count, let fire = schedule.nextRun(after: cursor, lastRun: lastRun, zone: zone) {
                next.append(fire)
                cursor = fire
                lastRun = fire
            }
            let stored = schedule.stored()
            let kind: String = if case .object(let members) = stored, case .string(let value)? = members.first?.value { value } else { "" }
            return PreviewAnswer(kind: kind, display: schedule.display, timezone: zone.identifier, schedule: stored, next: next)
        }
    }
}

extension CronJobSummary: ResponseEncodable {}

extension CronRoutes {
    /// The jobs, with the ones this process is running marked so.
    private func summaries() async throws -> [CronJobSummary] {
        let running = await scheduler.runningJobs()
        return try jobs.jobs().compactMap(CronJobSummary.init).map { summary in
            var summary = summary
            if running.contains(summary.id) { summary.status = "running" }
            return summary
        }
    }

    private func draft(_ request: Request, _ context: WorkspaceRequestContext) async throws -> CronJobDraft {
        try CronJobDraft(json: try await request.orderedJSON(context: context))
    }

    /// Runs a job action off the pool, records it, and wakes the local scheduler.
    func audited<T: Sendable>(
        _ action: AuditAction, _ id: String, _ context: WorkspaceRequestContext,
        _ work: @escaping @Sendable () throws -> T
    ) async throws -> T {
        let result = try await audit.recording(action, target: id, by: context, resultTarget: { ($0 as? CronJobSummary)?.id }, work)
        await scheduler.wake()
        return result
    }
}
