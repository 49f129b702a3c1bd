import Foundation
import Hummingbird
import WorkspaceCore

/// The Cron tab: the jobs in `cron/jobs.json` with their run outputs, and `/cron/preview`, which validates a
/// schedule in the agent's grammar and shows its next fire times. Every handler is decode → one ``CronService``
/// call → encode.
struct CronRoutes {
    let scope: ProfileScope

    /// The CronService of the profile `request` names.
    private func cron(_ request: Request) throws -> CronService { try scope(request).cron }

    struct PauseRequest: Decodable {
        var reason: String?
    }

    struct JobList: ResponseEncodable {
        var items: [CronJobSummary]
    }

    struct RunList: ResponseEncodable {
        var items: [CronRuns.Run]
        var nextCursor: String?
    }

    struct PreviewRequest: Decodable {
        var schedule: String
        var timezone: String?
        var count: Int?
        /// Answer a refused schedule as `{"valid": false, "problem": …}` (200) instead of a 400.
        var report: Bool?
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("cron/jobs", .read, use: list)
        group.get("cron/scheduler", .read, use: scheduler)
        group.post("cron/jobs", .admin, use: create)
        group.get("cron/jobs/:id", .read, use: show)
        group.put("cron/jobs/:id", .admin, use: update)
        group.get("cron/jobs/:id/runs", .read, use: runs)
        group.get("cron/jobs/:id/runs/:run", .read, use: output)
        group.post("cron/jobs/:id/pause", .operate, use: pause)
        group.post("cron/jobs/:id/resume", .operate, use: resume)
        group.post("cron/jobs/:id/trigger", .operate, use: trigger)
        group.delete("cron/jobs/:id", .admin, use: delete)
        group.post("cron/preview", .read, use: preview)
    }

    /// The list, encoded once per state of `jobs.json` and `config.yaml` (its time zone) and of the runs this
    /// process has going.
    @Sendable func list(_ request: Request, _: WorkspaceRequestContext) async throws -> Response {
        let home = try scope(request)
        let running = await home.cron.scheduler.runningJobs().sorted().joined(separator: ",")
        return try await home.fileAnswers.response(for: "jobs|" + running, areas: [.cron, .config]) {
            JobList(items: try await home.cron.jobs())
        }
    }

    @Sendable func scheduler(_ request: Request, _: WorkspaceRequestContext) async throws -> CronService.SchedulerReport {
        try await cron(request).schedulerReport()
    }

    @Sendable func create(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Response {
        let job = try await cron(request).create(try await draft(request, context), actor: context.auditActor)
        return try .json(job, etag: job.etag, status: .created)
    }

    @Sendable func show(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Response {
        let job = try await cron(request).job(try context.parameters.require("id"))
        return try .json(job, etag: job.etag)
    }

    @Sendable func update(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let draft = try await draft(request, context)
        let job = try await cron(request).update(id, with: draft, revision: request.expectedRevision, actor: context.auditActor)
        return try .json(job, etag: job.etag)
    }

    @Sendable func runs(_ request: Request, _ context: WorkspaceRequestContext) async throws -> RunList {
        let values = QueryValues(request)
        let page = try await cron(request).runs(
            of: try context.parameters.require("id"), limit: try values.int("limit", in: 1...200, default: 50),
            before: try values.string("cursor", maximumLength: 64))
        return RunList(items: page.runs, nextCursor: page.nextCursor)
    }

    @Sendable func output(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Response {
        let run = try context.parameters.require("run")
        let job = try context.parameters.require("id")
        if try QueryValues(request).bool("download") == true {
            return try FileDownload.response(
                for: try cron(request).outputFile(of: job, run: run), name: "\(job)-\(run).md", contentType: "text/markdown; charset=utf-8")
        }
        return try Response.json(try await cron(request).output(of: job, run: run))
    }

    @Sendable func pause(_ request: Request, _ context: WorkspaceRequestContext) async throws -> CronJobSummary {
        let reason = try await request.decodeIfPresent(as: PauseRequest.self, context: context)?.reason
        return try await cron(request).pause(try context.parameters.require("id"), reason: reason, actor: context.auditActor)
    }

    @Sendable func resume(_ request: Request, _ context: WorkspaceRequestContext) async throws -> CronJobSummary {
        try await cron(request).resume(try context.parameters.require("id"), actor: context.auditActor)
    }

    @Sendable func trigger(_ request: Request, _ context: WorkspaceRequestContext) async throws -> CronJobSummary {
        try await cron(request).trigger(try context.parameters.require("id"), actor: context.auditActor)
    }

    @Sendable func delete(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Response {
        try await cron(request).delete(try context.parameters.require("id"), actor: context.auditActor)
        return Response(status: .noContent)
    }

    @Sendable func preview(_ request: Request, _ context: WorkspaceRequestContext) async throws -> CronService.PreviewOutcome {
        let body = try await request.decode(as: PreviewRequest.self, context: context)
        let outcome = try cron(request).check(body.schedule, timezone: body.timezone, count: body.count ?? 5)
        if body.report != true, case .refused(let message) = outcome { throw WorkspaceError.invalidInput(message) }
        return outcome
    }

    private func draft(_ request: Request, _ context: WorkspaceRequestContext) async throws -> CronJobDraft {
        try CronJobDraft(json: try await request.orderedJSON(context: context))
    }
}

extension CronJobSummary: ResponseEncodable {}
extension CronService.SchedulerReport: ResponseEncodable {}
extension CronService.PreviewOutcome: ResponseEncodable {}
extension CronService.RunOutput: ResponseEncodable {}
