import Foundation

/// What the Approvals tab lists: the requests with the settings that decide how the agent asks.
public struct ApprovalOverview: Sendable, Encodable {
    /// `approvals.mode`: `manual`, `smart` or `off`.
    public var mode: String
    /// `approvals.timeout` in seconds.
    public var timeout: Int
    /// Requests waiting now.
    public var pending: Int
    /// Whether browsers must sign in with a password; without one, any process of the operator's Unix user can
    /// approve (the Approvals tab warns).
    public var loginRequired: Bool
    /// The requests, newest first.
    public var items: [ApprovalRequest]
    /// What each request's session is called (title, else its first message), by profile then session id; a
    /// session the agent's database does not know is absent.
    public var sessionTitles: [String: [String: String]] = [:]

    /// The overview of `queue` under `settings`: `status` is `pending` (the default), `approved`, `denied`, `expired` or
    /// `all`; at most `limit` requests.
    public static func load(
        queue: ApprovalQueue, settings: ApprovalSettings, accounts: Accounts, status: String?, limit: Int
    ) async throws -> ApprovalOverview {
        let status = status ?? "pending"
        guard status == "all" || ApprovalRequest.Status(rawValue: status) != nil else {
            throw WorkspaceError.invalidInput("`status` is pending, approved, denied, expired or all.")
        }
        return ApprovalOverview(
            mode: settings.mode, timeout: settings.timeout, pending: try await queue.pendingCount(), loginRequired: accounts.isSet,
            items: try await queue.list(status: ApprovalRequest.Status(rawValue: status), limit: limit))
    }
}
