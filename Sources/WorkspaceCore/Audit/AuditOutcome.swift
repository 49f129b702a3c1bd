/// How an audited action ended.
public enum AuditOutcome: String, Sendable, Codable, Equatable, CaseIterable {
    /// Done.
    case ok
    /// Refused: invalid input, a conflict, a wrong password.
    case refused
    /// Attempted and failed (storage, the disk).
    case failed
    /// Refused without being tried: too many attempts.
    case throttled
    /// Accepted and waiting for someone (an approval request).
    case pending
    /// Accepted by a standing rule without asking anyone.
    case autoApproved = "auto-approved"
}
