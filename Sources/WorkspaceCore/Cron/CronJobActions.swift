import Foundation

/// Pause, resume, trigger and delete, with the agent's own field changes, each a locked read-modify-write of
/// `jobs.json`. Blocking (it may wait for the agent's lock): call it off the concurrency pool.
public struct CronJobActions: Sendable {
    private let file: CronJobsFile
    private let runs: URL
    private let timeZone: AgentTimeZone

    /// Actions on `home`'s jobs.
    public init(home: HermesHome, file: CronJobsFile, timeZone: AgentTimeZone) {
        self.file = file
        runs = home.cronDirectory.appendingPathComponent("output")
        self.timeZone = timeZone
    }

    /// Stops the job from running (`enabled: false`, `state: paused`, when and why).
    public func pause(_ id: String, reason: String?, now: Date = Date()) throws -> CronJobSummary {
        let zone = timeZone.current
        return try change(id) { _ in
            [
                ("enabled", .bool(false)), ("state", .string("paused")), ("paused_at", .string(CronJobsFile.isoFormat(now, zone: zone))),
                ("paused_reason", .optional(reason)),
            ]
        }
    }

    /// Lets the job run again from now on; a one-shot whose time has passed cannot be resumed.
    public func resume(_ id: String, now: Date = Date()) throws -> CronJobSummary {
        let zone = timeZone.current
        return try change(id) { job in
            guard let stored = job["schedule"], let schedule = CronSchedule(stored: stored),
                let next = schedule.storedNextRun(after: now, lastRun: nil, zone: zone)
            else {
                throw WorkspaceError.conflict("Job \(id) is a one-shot whose time has passed; it would never run. Edit its schedule instead.")
            }
            return [
                ("enabled", .bool(true)), ("state", .string("scheduled")), ("paused_at", .null), ("paused_reason", .null),
                ("next_run_at", .string(next)),
            ]
        }
    }

    /// Makes the job due now, so the scheduler's next tick runs it.
    public func trigger(_ id: String, now: Date = Date()) throws -> CronJobSummary {
        let zone = timeZone.current
        return try change(id) { _ in
            [
                ("enabled", .bool(true)), ("state", .string("scheduled")), ("paused_at", .null), ("paused_reason", .null),
                ("next_run_at", .string(CronJobsFile.isoFormat(now, zone: zone))),
            ]
        }
    }

    /// Removes the job and its outputs.
    public func delete(_ id: String) throws {
        guard CronRuns.isJobID(id) else { throw WorkspaceError.notFound(what: "Job \(id)") }
        let removed = try file.update { jobs -> Bool in
            let before = jobs.count
            jobs.removeAll { CronJobSummary($0)?.id == id }
            return jobs.count < before
        }
        guard removed else { throw WorkspaceError.notFound(what: "Job \(id)") }
        try? FileManager.default.removeItem(at: runs.appendingPathComponent(id))
    }

    private func change(_ id: String, _ fields: (OrderedJSON) throws -> [(String, OrderedJSON)]) throws -> CronJobSummary {
        guard CronRuns.isJobID(id) else { throw WorkspaceError.notFound(what: "Job \(id)") }
        return try file.update { jobs -> CronJobSummary in
            guard let index = jobs.firstIndex(where: { CronJobSummary($0)?.id == id }), case .object(var members) = jobs[index] else {
                throw WorkspaceError.notFound(what: "Job \(id)")
            }
            for (key, value) in try fields(jobs[index]) {
                if let position = members.firstIndex(where: { $0.key == key }) {
                    members[position].value = value
                } else {
                    members.append(.init(key, value))
                }
            }
            jobs[index] = .object(members)
            guard let summary = CronJobSummary(jobs[index]) else { throw WorkspaceError.notFound(what: "Job \(id)") }
            return summary
        }
    }
}
