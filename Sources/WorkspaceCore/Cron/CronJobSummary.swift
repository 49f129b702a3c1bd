import Foundation

/// One job as the Cron tab lists it: a few fields read out in camelCase, and the stored object untouched.
public struct CronJobSummary: Sendable, Encodable {
    /// Job id.
    public var id: String
    /// Name.
    public var name: String
    /// `scheduled`, `paused`, `failed` or `completed`.
    public var status: String
    /// The schedule as the agent displays it.
    public var schedule: String
    /// Next run as stored (ISO with the agent's offset).
    public var nextRunAt: String?
    /// Last run as stored.
    public var lastRunAt: String?
    /// `ok` / `error` as the agent recorded it.
    public var lastStatus: String?
    /// The last error text.
    public var lastError: String?
    /// The stored job, exactly as in `jobs.json` (snake_case keys, unknown fields included).
    public var job: OrderedJSON

    /// Reads the summary out of a stored job; `nil` when it has no string id.
    public init?(_ job: OrderedJSON) {
        guard case .object(let members) = job else { return nil }
        func string(_ key: String) -> String? {
            if case .string(let value)? = members.last(where: { $0.key == key })?.value { return value }
            return nil
        }
        func value(_ key: String) -> OrderedJSON? { members.last { $0.key == key }?.value }
        guard let id = string("id") else { return nil }
        self.id = id
        name = string("name") ?? id
        nextRunAt = string("next_run_at")
        lastRunAt = string("last_run_at")
        lastStatus = string("last_status")
        lastError = string("last_error")
        var scheduleText = string("schedule_display")
        if scheduleText == nil, case .object(let schedule)? = value("schedule"),
           case .string(let display)? = schedule.last(where: { $0.key == "display" })?.value {
            scheduleText = display
        }
        schedule = scheduleText ?? ""
        let state = string("state")
        var done = false
        if case .object(let repeatMembers)? = value("repeat"),
           case .int(let times)? = repeatMembers.last(where: { $0.key == "times" })?.value,
           case .int(let completed)? = repeatMembers.last(where: { $0.key == "completed" })?.value, times > 0 {
            done = completed >= times
        }
        if value("enabled") == .bool(false) || state == "paused" {
            status = "paused"
        } else if state == "error" || lastStatus == "error" {
            status = "failed"
        } else if done || state == "completed" {
            status = "completed"
        } else {
            status = "scheduled"
        }
        self.job = job
    }
}
