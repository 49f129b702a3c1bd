import Foundation

/// What a credential may do. Every route declares the roles it admits (see the server's `RouteAccess`); a
/// credential carries exactly one role.
///
/// - `viewer`: every read except revealing secrets (key reveal, the raw config file).
/// - `operator`: a viewer who also decides approvals, pauses, resumes and triggers cron jobs and toggles skills.
/// - `admin`: everything, including config, keys, rules, deletes and tokens.
/// - `agent`: the agent's approvals bridge: submit a request and wait for its decision, nothing else.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case viewer, `operator`, admin, agent

    /// The staff roles in increasing power (the agent role stands apart).
    public static let staff: [Role] = [.viewer, .operator, .admin]

    /// Whether this role includes everything `other` may do (agent includes only itself).
    public func includes(_ other: Role) -> Bool {
        if self == .agent || other == .agent { return self == other }
        return Self.staff.firstIndex(of: self)! >= Self.staff.firstIndex(of: other)!
    }

    public static func < (left: Role, right: Role) -> Bool {
        (allCases.firstIndex(of: left) ?? 0) < (allCases.firstIndex(of: right) ?? 0)
    }
}

/// Who a request is: the credential that authenticated it and the role that credential carries.
public struct Principal: Sendable, Equatable {
    /// How the request authenticated.
    public enum Kind: String, Sendable, Codable {
        /// The legacy token file `workspace/token` (admin without a password, viewer in login mode).
        case fileToken = "file-token"
        /// A token made with `hermes-workspace token create`.
        case apiToken = "api-token"
        /// A signed-in browser session (password or one-time sign-in link).
        case session
    }

    /// How it authenticated.
    public var kind: Kind
    /// A stable id of the credential (token id, session id): two requests with the same id are the same credential.
    public var credentialID: String
    /// The name shown in the audit trail (`token:deploy`, the signed-in user).
    public var name: String
    /// What it may do.
    public var role: Role
    /// A browser session whose role needs a second factor it does not have yet: only enrollment routes admit it.
    public var enrollOnly = false

    /// Creates a principal.
    public init(kind: Kind, credentialID: String, name: String, role: Role) {
        self.kind = kind
        self.credentialID = credentialID
        self.name = name
        self.role = role
    }
}
