/// Every kind of event the workspace publishes on `/api/v1/events` (the SSE `event:` field). `openapi.yaml` lists
/// the same set; `ContractEnumTests` fails when the two differ.
public enum EventKind: String, Sendable, Codable, CaseIterable {
    /// The approvals queue changed (data: pending).
    case approvalsChanged = "approvals.changed"
    /// `config.yaml` changed on disk (data: etag, exists).
    case configChanged = "config.changed"
    /// `.env` changed on disk.
    case envChanged = "env.changed"
    /// `cron/jobs.json` changed on disk.
    case cronJobsChanged = "cron.jobs.changed"
    /// `memories/MEMORY.md` or `USER.md` changed on disk (`target` in its data).
    case memoryChanged = "memory.changed"
    /// `webhook_subscriptions.json` changed on disk.
    case webhooksChanged = "webhooks.changed"
    /// The local scheduler started a cron run (data: id).
    case cronRunStarted = "cron.run.started"
    /// A cron run ended (data: id, status, run).
    case cronRunFinished = "cron.run.finished"
    /// The gateway's pid or state file changed (data: file).
    case gatewayChanged = "gateway.changed"
    /// A gateway action (start, stop, restart) made progress or ended (data: profile, name, status, method,
    /// exitCode, pid, lines).
    case gatewayAction = "gateway.action"
    /// A profile was created, renamed or deleted, or its description changed.
    case profilesChanged = "profiles.changed"
    /// An account or an address was locked out after failed sign-ins (data: user, address, retryAfterSeconds).
    /// Sent to admins only.
    case authLockout = "auth.lockout"
    /// Events after the client's `Last-Event-ID` were lost: reload everything.
    case reset
}
