import WorkspaceCore

/// The services the routers use, built once per process: the machine-level ones (credentials, sign-in, the audit
/// trail, events, the approvals queue) and, per profile, ``HomeServices`` — the default profile's up front, the
/// others' on first use (``ProfileHomes``).
struct WorkspaceServices: Sendable {
    /// The root home being served (the default profile).
    let home: HermesHome
    /// Where every service reads the time.
    let clock: any WorkspaceClock
    /// The API token.
    let tokens: TokenStore
    /// The audit trail (one for the machine; each profile's services record their profile).
    let audit: AuditLog
    /// Open log streams (bounded).
    let logStreams: ConcurrencyLimit
    /// Events for open pages.
    let events: EventBus
    /// Single-use tickets for opening the event stream from a browser.
    let eventTickets: EventTickets
    /// Scoped API tokens and one-time sign-in links.
    let credentials: CredentialStore
    /// The people who sign in (login mode while any exists).
    let accounts: Accounts
    /// Signed-in browser sessions.
    let loginSessions: LoginSessions
    /// Failed sign-in back-off.
    let loginThrottle: LoginThrottle
    /// Signing in and out.
    let signIn: SignIn
    /// Requests waiting for a human yes or no.
    let approvals: ApprovalQueue
    /// Every profile's services.
    let profiles: ProfileHomes
    /// Creating, renaming and deleting profiles; their personas.
    let profileManager: ProfileManager
    /// How the agent's CLI is called.
    let hermesCommand: HermesCommand

    /// The default profile's services (`profiles.services(for:)` for another's).
    var main: HomeServices { profiles.main }

    /// Builds every service for `home`; `cron` says who runs the default profile's cron jobs (other profiles'
    /// belong to their gateways); `clock` is the time they all read; `hermesCommand` calls the agent's CLI.
    init(
        home: HermesHome, cron: CronSchedulerSettings = CronSchedulerSettings(), clock: any WorkspaceClock = SystemClock(),
        webhook: ApprovalWebhook? = nil, hermesCommand: HermesCommand = HermesCommand()
    ) throws {
        self.home = home
        self.clock = clock
        self.hermesCommand = hermesCommand
        tokens = TokenStore(home: home)
        let workspaceDatabase = WorkspaceDatabase(home: home)
        let audit = AuditLog(home: home, database: workspaceDatabase)
        self.audit = audit
        logStreams = ConcurrencyLimit(limit: 32)
        let events = EventBus()
        self.events = events
        eventTickets = EventTickets(clock: clock)
        accounts = Accounts(home: home, database: workspaceDatabase, clock: clock)
        credentials = CredentialStore(home: home, clock: clock, database: workspaceDatabase)
        loginSessions = LoginSessions(home: home, clock: clock, database: workspaceDatabase)
        loginThrottle = LoginThrottle(clock: clock)
        signIn = SignIn(
            accounts: accounts, sessions: loginSessions, credentials: credentials, throttle: loginThrottle, audit: audit,
            lockedOut: { user, address, seconds in
                events.publish(
                    .authLockout,
                    .object([.init("user", .string(user)), .init("address", .string(address)), .init("retryAfterSeconds", .int(seconds))]))
            })
        let main = try HomeServices(
            profile: .default, home: home, root: home, cron: cron, clock: clock, audit: audit, events: events, command: hermesCommand)
        let profiles = ProfileHomes(main: main) { name, profileHome in
            try HomeServices(
                profile: name, home: profileHome, root: home, cron: CronSchedulerSettings(), clock: clock, audit: audit, events: events,
                command: hermesCommand)
        }
        self.profiles = profiles
        profileManager = ProfileManager(directory: profiles.directory, command: hermesCommand, audit: audit, events: events)
        approvals = ApprovalQueue(
            home: home, audit: audit, events: events, clock: clock, database: workspaceDatabase,
            allowlist: { name in (try? profiles.services(named: name))?.allowlist }, webhook: webhook,
            timeout: { Double(ApprovalSettings(home: home).timeout) })
    }
}
