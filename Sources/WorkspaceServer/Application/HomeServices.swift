import Foundation
import WorkspaceCore

/// The services of one profile's home: everything a tab reads or writes in it. The default profile's are built
/// with the process; another profile's the first time a request names it (``ProfileHomes``). They share the
/// machine-level ones — the clock, the audit trail (each recording its profile), the event bus. A class: a request
/// resolves it once, and passing one reference costs less than copying some thirty.
final class HomeServices: Sendable {
    /// Which profile.
    let profile: ProfileName
    /// Its home.
    let home: HermesHome
    /// The Status tab's data.
    let status: StatusService
    /// The gateway's liveness.
    let gatewayMonitor: GatewayMonitor
    /// Start, stop, restart, drain.
    let gateway: GatewayControl
    /// The agent's time zone.
    let timeZone: AgentTimeZone
    /// The audit trail, recording this profile.
    let audit: AuditLog
    /// Sessions: lists, details, transcripts, stats.
    let sessions: SessionStore
    /// Full-text search over messages.
    let search: SessionSearch
    /// Streaming exports.
    let exporter: SessionExporter
    /// The only writer of `state.db`.
    let deleter: SessionDeleter
    /// Imports of the agent's session exports, through its own code.
    let importer: SessionImporter
    /// Rename and archive.
    let sessionEditor: SessionEditor
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
    /// The installed skills.
    let skills: SkillsRegistry
    /// The Skills tab's use cases.
    let skillService: SkillService
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
    /// `command_allowlist` in this profile's config.
    let allowlist: CommandAllowlist
    /// `memories/MEMORY.md` and `USER.md`.
    let memory: MemoryNotes
    /// `mcp_servers` in config.yaml.
    let mcp: MCPServers
    /// The messaging platforms.
    let channels: Channels
    /// `platform_toolsets` and `terminal` in config.yaml.
    let tools: ToolSettings
    /// `webhook_subscriptions.json`.
    let webhooks: WebhookSubscriptions
    /// The main model, auxiliary slots and custom endpoints.
    let models: ModelSettings
    /// Encoded answers read from this home's files (cron, skills, logs, keys), kept while those files are unchanged.
    let fileAnswers: WatchedAnswerCache
    /// Encoded Sessions answers, keyed by this profile's database generation.
    let sessionAnswers: EncodedAnswerCache
    /// Encoded Analytics answers, the same way.
    let analyticsAnswers: EncodedAnswerCache

    /// Builds the services of `profile` at `home`; `cron` says who runs its jobs.
    init(
        profile: ProfileName, home: HermesHome, root: HermesHome, cron cronSettings: CronSchedulerSettings, clock: any WorkspaceClock,
        audit machineAudit: AuditLog, events: EventBus, command: HermesCommand
    ) throws {
        self.profile = profile
        self.home = home
        let audit = machineAudit.scoped(to: profile)
        self.audit = audit
        gatewayMonitor = GatewayMonitor(home: home)
        status = StatusService(home: home, gateway: gatewayMonitor)
        gateway = GatewayControl(home: home, root: root, profile: profile, command: command, monitor: gatewayMonitor, audit: audit, events: events)
        timeZone = AgentTimeZone(home: home)
        let database = StateDatabase(url: home.stateDatabase)
        let mirror = SessionMirror(
            source: database, url: root.workspaceDirectory.appendingPathComponent("mirror/\(profile.rawValue).db"), now: { [clock] in clock.now() })
        sessions = SessionStore(database: database, mirror: mirror)
        search = SessionSearch(database: database)
        exporter = SessionExporter(store: sessions)
        deleter = SessionDeleter(store: sessions, audit: audit)
        importer = SessionImporter(home: home, audit: audit)
        sessionEditor = SessionEditor(store: sessions, audit: audit)
        analytics = AnalyticsService(database: database, mirror: mirror, timeZone: timeZone, now: { [clock] in clock.now() })
        config = ConfigStore(home: home, audit: audit)
        skills = SkillsRegistry(home: home)
        keys = KeyVault(home: home, audit: audit, skills: skills)
        logFiles = LogFiles(home: home)
        logs = LogReader(home: home)
        cronJobs = CronJobsFile(home: home, timeZone: timeZone)
        let ticker = CronTicker(home: home, file: cronJobs, timeZone: timeZone, runTimeout: cronSettings.timeout)
        cronScheduler = CronScheduler(
            mode: cronSettings.mode, ticker: ticker,
            executor: cronSettings.mode == .local ? try cronSettings.makeExecutor(home: home) : nil,
            events: events, maximumParallel: cronSettings.maximumParallel, force: cronSettings.force,
            heartbeat: { CronTickerStatus(home: home) })
        skillService = SkillService(home: home, registry: skills, config: config, audit: audit)
        cron = CronService(home: home, file: cronJobs, timeZone: timeZone, scheduler: cronScheduler, audit: audit, clock: clock)
        stagedWrites = StagedWrites(home: home, audit: audit, skills: skills)
        pairing = Pairing(home: home, audit: audit)
        allowlist = CommandAllowlist(config: config)
        memory = MemoryNotes(home: home, config: config, audit: audit)
        mcp = MCPServers(config: config, keys: keys)
        channels = Channels(config: config, keys: keys, status: status)
        models = ModelSettings(config: config, keys: keys)
        tools = ToolSettings(home: home, config: config, keys: keys)
        webhooks = WebhookSubscriptions(home: home, config: config, audit: audit)
        fileAnswers = WatchedAnswerCache(changes: HomeChanges.of(home))
        sessionAnswers = EncodedAnswerCache(database: database)
        analyticsAnswers = EncodedAnswerCache(database: database)
    }
}

/// The profiles of the machine and their services: the default's built up front, each other's on first use and
/// kept while its folder exists (a renamed or deleted profile's are dropped, so a new one of the same name starts
/// fresh). A name is checked before any path is built from it.
final class ProfileHomes: Sendable {
    /// Where the profiles are.
    let directory: ProfileDirectory
    /// The default profile's services.
    let main: HomeServices
    private let build: @Sendable (ProfileName, HermesHome) throws -> HomeServices
    private let built = LockedValue<[ProfileName: HomeServices]>([:])

    /// The profiles of `main`'s home; `build` makes another profile's services.
    init(main: HomeServices, build: @escaping @Sendable (ProfileName, HermesHome) throws -> HomeServices) {
        directory = ProfileDirectory(root: main.home)
        self.main = main
        self.build = build
    }

    /// The services of the profile named `text` (nil: the default): 400 for a malformed name, 404 for one that
    /// does not exist.
    func services(named text: String?) throws -> HomeServices {
        guard let text else { return main }
        return try services(for: try ProfileName(text))
    }

    /// The services of `name`.
    func services(for name: ProfileName) throws -> HomeServices {
        if name.isDefault { return main }
        let home = try directory.home(of: name)
        if let kept = built.value[name] { return kept }
        let made = try build(name, home)
        return built.withValue { built in
            if let raced = built[name] { return raced }
            built[name] = made
            return made
        }
    }

    /// The services of every profile there is now, the default first.
    func all() -> [HomeServices] {
        let names = directory.names()
        built.withValue { built in built = built.filter { names.contains($0.key) } }
        return names.compactMap { try? services(for: $0) }
    }

    /// Forgets `name`'s services (after a rename or delete).
    func forget(_ name: ProfileName) {
        built.withValue { _ = $0.removeValue(forKey: name) }
    }
}
