import Foundation

/// The sign-in use cases: a password (login mode, throttled per address and per account with an atomic
/// reservation, never saying which of name or password was wrong), the one-time link `serve` prints (without a
/// password), and signing out. Every attempt is audited here, so a route only decodes, calls and sets the cookie.
public struct SignIn: Sendable {
    /// Why a sign-in was refused (the server maps each to its own error code).
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        /// A password sign-in while no password is set.
        case passwordNotSet
        /// A link sign-in while a password is set.
        case passwordSet
        /// The name or the password is wrong (which one is never said).
        case wrongCredentials
        /// The link is unknown, used or expired.
        case unknownLink

        /// What the operator reads.
        public var description: String {
            switch self {
            case .passwordNotSet:
                "No password is set; open the sign-in link 'hermes-workspace serve' printed (or run 'hermes-workspace signin-link')."
            case .passwordSet: "A password is set; sign in with it instead of a link."
            case .wrongCredentials: "The user name or password is not right."
            case .unknownLink: "This sign-in link is unknown, used or expired; run 'hermes-workspace signin-link' for a new one."
            }
        }
    }

    /// How a browser signs in here.
    public enum Method: String, Sendable, Codable {
        /// Login mode: name and password.
        case password
        /// The one-time link `serve` prints.
        case link
    }

    /// A started session: the cookie's secret and what it grants.
    public struct Started: Sendable {
        /// The cookie value (never stored; only its hash is).
        public var secret: String
        /// The session.
        public var session: LoginSessions.Session
    }

    let password: OperatorPassword
    let sessions: LoginSessions
    let credentials: CredentialStore
    let throttle: LoginThrottle
    let audit: AuditLog

    /// Sign-in over these stores.
    public init(password: OperatorPassword, sessions: LoginSessions, credentials: CredentialStore, throttle: LoginThrottle, audit: AuditLog) {
        self.password = password
        self.sessions = sessions
        self.credentials = credentials
        self.throttle = throttle
        self.audit = audit
    }

    /// `password` when a password is set, `link` otherwise.
    public var method: Method { password.isSet ? .password : .link }

    /// How long a session lasts at most (the cookie's Max-Age).
    public var lifetime: TimeInterval { sessions.lifetime }

    /// Signs `user` in with `secret`, from `client` (the address the throttle counts).
    public func withPassword(user: String, password secret: String, client: String?, actor: AuditActor) async throws -> Started {
        guard password.isSet else { throw Refusal.passwordNotSet }
        guard user.count <= 64, secret.count <= 1_024 else { throw WorkspaceError.invalidInput("The user or password is too long.") }
        let address = client ?? "unknown"
        do {
            try throttle.begin(address: address, user: user)
        } catch {
            try? await audit.record(AuditEvent(action: .authLogin, target: user, outcome: .throttled, actor: actor))
            throw error
        }
        let matches: Bool
        do {
            matches = try await offloaded { [password] in try password.verify(user: user, password: secret) }
        } catch {
            throttle.abandoned(address: address, user: user)
            throw error
        }
        guard matches else {
            throttle.failed(address: address, user: user)
            try? await audit.record(AuditEvent(action: .authLogin, target: user, outcome: .refused, actor: actor))
            throw Refusal.wrongCredentials
        }
        throttle.succeeded(address: address, user: user)
        let (cookie, session) = try sessions.create(user: user, role: .admin, client: client)
        try? await audit.record(AuditEvent(action: .authLogin, target: user, actor: actor))
        return Started(secret: cookie, session: session)
    }

    /// Signs in with the one-time link `code`.
    public func withLink(code: String, client: String?, actor: AuditActor) async throws -> Started {
        guard !password.isSet else { throw Refusal.passwordSet }
        guard try credentials.redeemSigninCode(code) else {
            try? await audit.record(AuditEvent(action: .authLink, target: "link", outcome: .refused, actor: actor))
            throw Refusal.unknownLink
        }
        let (cookie, session) = try sessions.create(user: "operator", role: .admin, client: client)
        try? await audit.record(AuditEvent(action: .authLink, target: session.user, actor: actor))
        return Started(secret: cookie, session: session)
    }

    /// Ends the session whose cookie is `secret` (if any) and records who signed out.
    public func signOut(secret: String?, user: String?, actor: AuditActor) async throws {
        if let secret { try sessions.end(secret) }
        try? await audit.record(AuditEvent(action: .authLogout, target: user ?? actor.name, actor: actor))
    }
}
