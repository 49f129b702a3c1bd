import Crypto
import Foundation

/// One job as the Cron tab lists it: a few fields read out in camelCase, and the stored object untouched.
public struct CronJobSummary: Sendable, Encodable {
    /// Job id.
    public var id: String
    /// Name.
    public var name: String
    /// `scheduled`, `running` (a one-shot the agent has claimed, or a job this process is running), `paused`,
    /// `failed` or `completed`.
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
    /// Strong ETag of the stored job: send it back in `If-Match` to edit it.
    public var etag: String
    /// The stored job, exactly as in `jobs.json` (snake_case keys, unknown fields included).
    public var job: OrderedJSON

    /// Reads the summary out of a stored job; `nil` when it has no string id.
    public init?(_ job: OrderedJSON) {
        guard let id = job["id"]?.stringValue else { return nil }
        self.id = id
        name = job["name"]?.stringValue ?? id
        nextRunAt = job["next_run_at"]?.stringValue
        lastRunAt = job["last_run_at"]?.stringValue
        lastStatus = job["last_status"]?.stringValue
        lastError = job["last_error"]?.stringValue
        schedule = job["schedule_display"]?.stringValue ?? job["schedule"]?["display"]?.stringValue ?? ""
        let state = job["state"]?.stringValue
        var done = false
        if let times = job["repeat"]?["times"]?.intValue, let completed = job["repeat"]?["completed"]?.intValue, times > 0 {
            done = completed >= times
        }
        if case .object? = job["run_claim"] {
            status = "running"
        } else if job["enabled"] == .bool(false) || state == "paused" {
            status = state == "completed" ? "completed" : "paused"
        } else if state == "error" || lastStatus == "error" {
            status = "failed"
        } else if done || state == "completed" {
            status = "completed"
        } else {
            status = "scheduled"
        }
        etag = Self.etag(of: job)
        self.job = job
    }

    /// The ETag a stored job has.
    public static func etag(of job: OrderedJSON) -> String {
        Revision.digest("job", of: Data(job.rendered(.compact).utf8), bytes: 12).tag
    }
}
