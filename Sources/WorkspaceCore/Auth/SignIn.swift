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
        /// The password was right and the account has a second factor: send its code too.
        case secondFactorRequired
        /// The second factor's code (or recovery code) was wrong, used or expired.
        case wrongSecondFactor

        /// What the operator reads.
        public var description: String {
            switch self {
            case .passwordNotSet:
                "No password is set; open the sign-in link 'hermes-workspace serve' printed (or run 'hermes-workspace signin-link')."
            case .passwordSet: "A password is set; sign in with it instead of a link."
            case .wrongCredentials: "The user name or password is not right."
            case .unknownLink: "This sign-in link is unknown, used or expired; run 'hermes-workspace signin-link' for a new one."
            case .secondFactorRequired: "Enter the 6-digit code from your authenticator app (or a recovery code)."
            case .wrongSecondFactor: "That code is not right (or was used already); enter the current one."
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

    let accounts: Accounts
    let sessions: LoginSessions
    let credentials: CredentialStore
    let throttle: LoginThrottle
    let audit: AuditLog
    /// Told when an account or an address is locked out (the server tells admins on the event stream).
    let lockedOut: @Sendable (_ user: String, _ address: String, _ seconds: Int) -> Void

    /// Sign-in over these stores.
    public init(
        accounts: Accounts, sessions: LoginSessions, credentials: CredentialStore, throttle: LoginThrottle, audit: AuditLog,
        lockedOut: @escaping @Sendable (String, String, Int) -> Void = { _, _, _ in }
    ) {
        self.accounts = accounts
        self.sessions = sessions
        self.credentials = credentials
        self.throttle = throttle
        self.audit = audit
        self.lockedOut = lockedOut
    }

    /// `password` when accounts exist, `link` otherwise.
    public var method: Method { accounts.isSet ? .password : .link }

    /// How long a session lasts at most (the cookie's Max-Age).
    public var lifetime: TimeInterval { sessions.lifetime }

    /// Signs `user` in with `secret` (and, for an account with a second factor, its `code`), from `client` (the
    /// address the throttle counts). A wrong password or code counts towards both throttles; a right password
    /// without the code it needs does not.
    public func withPassword(
        user: String, password secret: String, code: String? = nil, client: String?, userAgent: String? = nil, actor: AuditActor
    ) async throws -> Started {
        guard accounts.isSet else { throw Refusal.passwordNotSet }
        guard user.count <= 64, secret.count <= 1_024, (code ?? "").count <= 32 else {
            throw WorkspaceError.invalidInput("The user, password or code is too long.")
        }
        let address = client ?? "unknown"
        do {
            try throttle.begin(address: address, user: user)
        } catch {
            try? await audit.record(AuditEvent(action: .authLogin, target: user, outcome: .throttled, actor: actor))
            throw error
        }
        let account: Accounts.Account?
        do {
            account = try await offloaded { [accounts] in try accounts.verify(user, password: secret) }
        } catch {
            throttle.abandoned(address: address, user: user)
            throw error
        }
        guard let account else {
            refused(user: user, address: address)
            try? await audit.record(AuditEvent(action: .authLogin, target: user, outcome: .refused, actor: actor))
            throw Refusal.wrongCredentials
        }
        if account.secondFactor {
            guard let code, !code.isEmpty else {
                throttle.abandoned(address: address, user: user)
                throw Refusal.secondFactorRequired
            }
            guard try accounts.checkSecondFactor(account.name, code: code) else {
                refused(user: user, address: address)
                try? await audit.record(
                    AuditEvent(action: .authLogin, target: account.name, outcome: .refused, summary: "wrong second factor", actor: actor))
                throw Refusal.wrongSecondFactor
            }
        }
        throttle.succeeded(address: address, user: user)
        let required = try accounts.rolesRequiringSecondFactor()
        let enrollOnly = !account.secondFactor && required.contains(account.role)
        var (cookie, session) = try sessions.create(user: account.name, role: account.role, client: client, userAgent: userAgent)
        session.enrollOnly = enrollOnly
        try? accounts.recordSignIn(account.name)
        var signedIn = actor
        (signedIn.name, signedIn.role) = (account.name, account.role)
        try? await audit.record(
            AuditEvent(action: .authLogin, target: account.name, summary: enrollOnly ? "must enroll a second factor" : "", actor: signedIn))
        return Started(secret: cookie, session: session)
    }

    /// Counts a failure and says so when it locked the account or the address out.
    private func refused(user: String, address: String) {
        throttle.failed(address: address, user: user)
        let seconds = throttle.wait(address: address, user: user)
        if seconds > 0 { lockedOut(user, address, seconds) }
    }

    /// Signs in with the one-time link `code`.
    public func withLink(code: String, client: String?, actor: AuditActor) async throws -> Started {
        guard !accounts.isSet else { throw Refusal.passwordSet }
        guard try credentials.redeemSigninCode(code) else {
            try? await audit.record(AuditEvent(action: .authLink, target: "link", outcome: .refused, actor: actor))
            throw Refusal.unknownLink
        }
        // Not an account name (those have no spaces): once an account exists, this session is no one's and ends.
        let (cookie, session) = try sessions.create(user: "sign-in link", role: .admin, client: client)
        try? await audit.record(AuditEvent(action: .authLink, target: session.user, actor: actor))
        return Started(secret: cookie, session: session)
    }

    /// Ends the session whose cookie is `secret` (if any) and records who signed out.
    public func signOut(secret: String?, user: String?, actor: AuditActor) async throws {
        if let secret { try sessions.end(secret) }
        try? await audit.record(AuditEvent(action: .authLogout, target: user ?? actor.name, actor: actor))
    }
}
