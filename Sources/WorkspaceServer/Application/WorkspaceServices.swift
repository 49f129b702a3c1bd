import WorkspaceCore

/// The services the routers use, built once per process from the home.
struct WorkspaceServices: Sendable {
    /// The home being served.
    let home: HermesHome
    /// Where every service reads the time.
    let clock: any WorkspaceClock
    /// The API token.
    let tokens: TokenStore
    /// The Status tab's data.
    let status: StatusService
    /// The agent's time zone.
    let timeZone: AgentTimeZone
    /// The audit trail.
    let audit: AuditLog
    /// Sessions: lists, details, transcripts, stats.
    let sessions: SessionStore
    /// Full-text search over messages.
    let search: SessionSearch
    /// Streaming exports.
    let exporter: SessionExporter
    /// The only writer of `state.db`.
    let deleter: SessionDeleter
    /// Usage analytics.
    let analytics: AnalyticsService
    /// `config.yaml`: reads, surgical edits, raw saves, history.
    let config: ConfigStore
    /// `.env`: the key vault.
    let keys: KeyVault
    /// The agent's log files.
    let logFiles: LogFiles
    /// Pages of log records.
    let logs: LogReader
    /// Open log streams (bounded).
    let logStreams: ConcurrencyLimit
    /// Events for open pages.
    let events: EventBus
    /// Single-use tickets for opening the event stream from a browser.
    let eventTickets: EventTickets
    /// The installed skills.
    let skills: SkillsRegistry
    /// The Skills tab's use cases.
    let skillService: SkillService
    /// Scoped API tokens and one-time sign-in links.
    let credentials: CredentialStore
    /// The operator password (login mode when set).
    let password: OperatorPassword
    /// Signed-in browser sessions.
    let loginSessions: LoginSessions
    /// Failed sign-in back-off.
    let loginThrottle: LoginThrottle
    /// Signing in and out.
    let signIn: SignIn
    /// Requests waiting for a human yes or no.
    let approvals: ApprovalQueue
    /// `cron/jobs.json`, shared with the agent.
    let cronJobs: CronJobsFile
    /// Who runs cron jobs, and the local scheduler when it is us.
    let cronScheduler: CronScheduler
    /// The Cron tab's use cases.
    let cron: CronService
    /// Memory and skill writes the agent staged for a person.
    let stagedWrites: StagedWrites
    /// Messaging pairing requests and paired users.
    let pairing: Pairing

    /// Builds every service for `home`; `cron` says who runs its cron jobs; `clock` is the time they all read.
    init(
        home: HermesHome, cron: CronSchedulerSettings = CronSchedulerSettings(), clock: any WorkspaceClock = SystemClock(),
        webhook: ApprovalWebhook? = nil
    ) throws {
        self.home = home
        self.clock = clock
        tokens = TokenStore(home: home)
        status = StatusService(home: home, gateway: GatewayMonitor(home: home))
        timeZone = AgentTimeZone(home: home)
        let workspaceDatabase = WorkspaceDatabase(home: home)
        audit = AuditLog(home: home, database: workspaceDatabase)
        let database = StateDatabase(url: home.stateDatabase)
        sessions = SessionStore(database: database)
        search = SessionSearch(database: database)
        exporter = SessionExporter(store: sessions)
        deleter = SessionDeleter(store: sessions, audit: audit)
        analytics = AnalyticsService(database: database, timeZone: timeZone, now: { [clock] in clock.now() })
        config = ConfigStore(home: home, audit: audit)
        skills = SkillsRegistry(home: home)
        keys = KeyVault(home: home, audit: audit, skills: skills)
        logFiles = LogFiles(home: home)
        logs = LogReader(home: home)
        logStreams = ConcurrencyLimit(limit: 32)
        events = EventBus()
        eventTickets = EventTickets(clock: clock)
        password = OperatorPassword(home: home)
        credentials = CredentialStore(home: home, clock: clock, database: workspaceDatabase)
        loginSessions = LoginSessions(home: home, clock: clock, database: workspaceDatabase)
        loginThrottle = LoginThrottle(clock: clock)
        signIn = SignIn(password: password, sessions: loginSessions, credentials: credentials, throttle: loginThrottle, audit: audit)
        approvals = ApprovalQueue(
            home: home, audit: audit, events: events, clock: clock, database: workspaceDatabase,
            allowlist: CommandAllowlist(config: config), webhook: webhook, timeout: { Double(ApprovalSettings(home: home).timeout) })
        cronJobs = CronJobsFile(home: home, timeZone: timeZone)
        let ticker = CronTicker(home: home, file: cronJobs, timeZone: timeZone, runTimeout: cron.timeout)
        cronScheduler = CronScheduler(
            mode: cron.mode, ticker: ticker, executor: cron.mode == .local ? try cron.makeExecutor(home: home) : nil,
            events: events, maximumParallel: cron.maximumParallel, force: cron.force,
            heartbeat: { CronTickerStatus(home: home) })
        skillService = SkillService(home: home, registry: skills, config: config, audit: audit)
        self.cron = CronService(home: home, file: cronJobs, timeZone: timeZone, scheduler: cronScheduler, audit: audit, clock: clock)
        stagedWrites = StagedWrites(home: home, audit: audit, skills: skills)
        pairing = Pairing(home: home, audit: audit)
    }
}
