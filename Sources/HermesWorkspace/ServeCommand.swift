import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import WorkspaceCore
import WorkspaceServer

/// `hermes-workspace serve`: runs the workspace server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the workspace for a Hermes home.")

    @OptionGroup var homeOption: HomeOption

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free port).")
    var port = 9119

    @Option(name: .customLong("base-path"), help: "Serve everything under this path prefix, e.g. /hermes.")
    var basePath = ""

    @Option(name: .customLong("allowed-host"), help: "Another host name clients may use to reach this server (repeatable).")
    var allowedHosts: [String] = []

    @Option(name: .customLong("web-root"), help: "Serve the web UI from this folder (dist/ and vendor/) instead of the copy built into the binary.")
    var webRoot: String?

    @Flag(help: "Allow listening on a non-loopback address without login auth. Anyone who can reach the port and holds the token gets in.")
    var insecure = false

    @Flag(help: "Open the workspace in the default browser once it is ready.")
    var open = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @Option(help: "Who runs cron jobs: gateway (the agent's own ticker; default, or $HERMES_WORKSPACE_CRON) or local (this process).")
    var cron: String?

    @Option(
        name: .customLong("cron-executor"), help: "How the local scheduler runs a job: command (--cron-command) or api (the gateway's API server).")
    var cronExecutor = "command"

    @Option(
        name: .customLong("cron-command"),
        help: "Command template for local runs; {id} {name} {prompt} {model} {session} {home} are replaced per argument, never through a shell.")
    var cronCommand = CommandCronExecutor.defaultTemplate

    @Option(name: .customLong("cron-timeout"), help: "Seconds a local run may take (default $HERMES_CRON_TIMEOUT or 600).")
    var cronTimeout: Double?

    @Option(name: .customLong("cron-parallel"), help: "Local runs at once.")
    var cronParallel = 4

    @Option(
        name: .customLong("trusted-proxy"),
        help: "A reverse proxy's address or CIDR block whose X-Forwarded-For/Proto/Host are believed (repeatable).")
    var trustedProxies: [String] = []

    @Flag(
        name: .customLong("trust-loopback-proxy"),
        help:
            "Believe X-Forwarded-* from a --trusted-proxy on this machine (127.0.0.0/8, ::1). Any local process can then claim any client address; per-account limits still hold."
    )
    var trustLoopbackProxy = false

    @Option(name: .customLong("public-url"), help: "The URL users open through the proxy, e.g. https://example.org/hermes (its host is allowed).")
    var publicURL: String?

    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain: serve HTTPS (HTTP/2 when the client offers it). Needs --tls-key.")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key for --tls-cert.")
    var tlsKey: String?

    @Option(
        name: .customLong("notify-webhook"),
        help:
            "POST a signed notice (no command text) to this http(s) URL for each new pending approval; receivers verify X-Hermes-Signature with workspace/webhook.key."
    )
    var notifyWebhook: String?

    @Option(
        name: .customLong("hermes-command"),
        help:
            "The agent's CLI for gateway start/stop/restart and profile management (default: hermes in PATH); split on spaces, never run through a shell."
    )
    var hermesCommand = "hermes"

    @Flag(help: "Serve Prometheus metrics at /metrics (the token is required there too).")
    var metrics = false

    @Flag(name: .customLong("force-cron"), help: "Run jobs locally even while the gateway's own cron ticker is alive (they could then run in both).")
    var forceCron = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("Unknown --log-level \(logLevel).") }
        guard CronScheduler.Mode(rawValue: cronMode) != nil else { throw ValidationError("--cron must be gateway or local.") }
        guard CronSchedulerSettings.Executor(rawValue: cronExecutor) != nil else { throw ValidationError("--cron-executor must be command or api.") }
        guard (1...64).contains(cronParallel) else { throw ValidationError("--cron-parallel must be 1 to 64.") }
        guard (cronTimeout ?? 600) > 0 else { throw ValidationError("--cron-timeout must be positive.") }
        for proxy in trustedProxies where AddressBlock(proxy) == nil {
            throw ValidationError("--trusted-proxy \(proxy) is not an address or CIDR block.")
        }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ValidationError("--public-url must be an http(s) URL with a host.")
            }
        }
        if let notifyWebhook {
            guard let url = URL(string: notifyWebhook), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else {
                throw ValidationError("--notify-webhook must be an http(s) URL with a host.")
            }
        }
        guard (tlsCertificate == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together.") }
        guard !hermesCommand.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--hermes-command is empty.") }
        if !WorkspaceServerConfiguration.isLoopback(host) && !insecure {
            throw ValidationError(
                "Refusing to listen on \(host): login auth is not configured. Use a loopback address (and an SSH tunnel or reverse proxy), or pass --insecure if you understand the risk."
            )
        }
    }

    func run() async throws {
        MallocArenas.limit()
        let home = try homeOption.existingHome()
        var logger = Logger(label: "hermes-workspace")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let cronSettings = CronSchedulerSettings(
            mode: CronScheduler.Mode(rawValue: cronMode) ?? .gateway, executor: CronSchedulerSettings.Executor(rawValue: cronExecutor) ?? .command,
            command: cronCommand,
            timeout: cronTimeout ?? ProcessInfo.processInfo.environment["HERMES_CRON_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil }
                ?? 600,
            maximumParallel: cronParallel, force: forceCron)
        if cronSettings.mode == .local, !forceCron, !CronTickerStatus(home: home).stale {
            throw ValidationError(
                "Refusing --cron local: the gateway's cron ticker is alive (cron/ticker_heartbeat is fresh), so jobs would be run by both. Stop the gateway's ticker or pass --force-cron."
            )
        }
        if cronSettings.mode == .local, cronSettings.executor == .command, let bypass = CommandCronExecutor.approvalBypass(in: cronCommand) {
            logger.warning(
                "--cron-command: \(bypass); the Approvals tab will never see them. The default, \(CommandCronExecutor.defaultTemplate), keeps approvals on."
            )
        }
        let descriptors = FileDescriptorLimit.raise()
        if descriptors < 4_096 { logger.warning("Only \(descriptors) open files allowed (ulimit -n): that many connections at most.") }
        for path in AbandonedTemporaryFiles.remove(in: home) {
            logger.notice("Removed a temporary file left by a writer that was killed mid-save", metadata: ["path": .string(path)])
        }
        _ = try TokenStore(home: home).current()
        var configuration = WorkspaceServerConfiguration(
            host: host, port: port, basePath: basePath, extraAllowedHosts: allowedHosts, webRoot: webRoot)
        if webRoot == nil {
            // The UI built into the binary, else a folder beside it (a build made before React's files were fetched).
            if let embedded = BundledFiles.embeddedWeb { configuration.embeddedWeb = embedded } else { configuration.webRoot = Self.defaultWebRoot() }
        }
        configuration.metricsEnabled = metrics
        if let tlsCertificate, let tlsKey { configuration.tls = (tlsCertificate, tlsKey) }
        configuration.trustedProxies = trustedProxies.compactMap(AddressBlock.init)
        configuration.trustLoopbackProxy = trustLoopbackProxy
        configuration.publicURL = publicURL.flatMap(URL.init(string:))
        configuration.approvalWebhook = notifyWebhook.flatMap(URL.init(string:))
        if configuration.webRoot == nil, configuration.embeddedWeb == nil {
            logger.warning(
                "Web UI files not found (this binary was built before web/fetch-vendor.sh ran); serving the API only. Pass --web-root to point at the web folder."
            )
        }
        let openBrowser = open
        let loginMode = Accounts(home: home).isSet
        let credentials = CredentialStore(home: home)
        let app = try buildApplication(
            configuration: configuration, home: home, cron: cronSettings, hermesCommand: HermesCommand(hermesCommand), logger: logger
        ) { url in
            // Without a password the page carries no credential: the operator opens a one-time link instead.
            let link = loginMode ? nil : (try? credentials.createSigninCode()).map { SigninLinkCommand.link(base: url, code: $0) }
            let signIn = link.map { " — sign in: \($0)" } ?? " — sign in with your password"
            FileHandle.standardOutput.write(Data("Hermes Workspace \(WorkspaceVersion.current) serving \(home.path) at \(url)\(signIn)\n".utf8))
            if openBrowser { Self.openInBrowser(link ?? url) }
        }
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch  where "\(error)".contains("Address already in use") {
            throw PortInUse(
                "Port \(port) on \(host) is already in use by another program. Stop it, or choose another port: --port \(port == 0 ? 9120 : port + 1) (make run PORT=\(port == 0 ? 9120 : port + 1))."
            )
        }
    }

    private var cronMode: String {
        cron ?? ProcessInfo.processInfo.environment["HERMES_WORKSPACE_CRON"].flatMap { $0.isEmpty ? nil : $0 } ?? "gateway"
    }

    /// `./web`, or `web` beside the repository the binary was built in, or `../share/hermes-workspace/web`.
    private static func defaultWebRoot() -> String? {
        BundledFiles.folder("web", installedAs: "web", containing: "dist/index.html")?.path
    }

    private static func openInBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        try? process.run()
    }
}

/// A port another program holds: said in a sentence, without the usage text a validation error prints.
struct PortInUse: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
