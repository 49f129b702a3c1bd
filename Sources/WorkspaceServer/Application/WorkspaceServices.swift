import WorkspaceCore

/// The services the routers use, built once per process from the home.
public struct WorkspaceServices: Sendable {
    /// The home being served.
    public let home: HermesHome
    /// Where every service reads the time.
    public let clock: any WorkspaceClock
    /// The API token.
    public let tokens: TokenStore
    /// The Status tab's data.
    public let status: StatusService
    /// The agent's time zone.
    public let timeZone: AgentTimeZone
    /// The audit trail.
    public let audit: AuditLog
    /// Sessions: lists, details, transcripts, stats.
    public let sessions: SessionStore
    /// Full-text search over messages.
    public let search: SessionSearch
    /// Streaming exports.
    public let exporter: SessionExporter
    /// The only writer of `state.db`.
    public let deleter: SessionDeleter
    /// Usage analytics.
    public let analytics: AnalyticsService
    /// `config.yaml`: reads, surgical edits, raw saves, history.
    public let config: ConfigStore
    /// `.env`: the key vault.
    public let keys: KeyVault
    /// The agent's log files.
    public let logFiles: LogFiles
    /// Pages of log records.
    public let logs: LogReader
    /// Open log streams (bounded).
    public let logStreams: ConcurrencyLimit
    /// Events for open pages.
    public let events: EventBus
    /// Single-use tickets for opening the event stream from a browser.
    public let eventTickets: EventTickets
    /// The installed skills.
    public let skills: SkillsRegistry
    /// The Skills tab's use cases.
    public let skillService: SkillService
    /// Scoped API tokens and one-time sign-in links.
    public let credentials: CredentialStore
    /// The operator password (login mode when set).
    public let password: OperatorPassword
    /// Signed-in browser sessions.
    public let loginSessions: LoginSessions
    /// Failed sign-in back-off.
    public let loginThrottle: LoginThrottle
    /// Signing in and out.
    public let signIn: SignIn
    /// Requests waiting for a human yes or no.
    public let approvals: ApprovalQueue
    /// `cron/jobs.json`, shared with the agent.
    public let cronJobs: CronJobsFile
    /// Who runs cron jobs, and the local scheduler when it is us.
    public let cronScheduler: CronScheduler
    /// The Cron tab's use cases.
    public let cron: CronService

    /// Builds every service for `home`; `cron` says who runs its cron jobs; `clock` is the time they all read.
    public init(home: HermesHome, cron: CronSchedulerSettings = CronSchedulerSettings(), clock: any WorkspaceClock = SystemClock()) throws {
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
            timeout: { Double(ApprovalSettings(home: home).timeout) })
        cronJobs = CronJobsFile(home: home, timeZone: timeZone)
        let ticker = CronTicker(home: home, file: cronJobs, timeZone: timeZone, runTimeout: cron.timeout)
        cronScheduler = CronScheduler(
            mode: cron.mode, ticker: ticker, executor: cron.mode == .local ? try cron.makeExecutor(home: home) : nil,
            events: events, maximumParallel: cron.maximumParallel, force: cron.force,
            heartbeat: { CronTickerStatus(home: home) })
        skillService = SkillService(home: home, registry: skills, config: config, audit: audit)
        self.cron = CronService(home: home, file: cronJobs, timeZone: timeZone, scheduler: cronScheduler, audit: audit, clock: clock)
    }
}
