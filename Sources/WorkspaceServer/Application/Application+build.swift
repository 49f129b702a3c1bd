import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import HummingbirdTLS
import Logging
import NIOCore
import WorkspaceCore

/// Builds the router: middleware in order from the outside in, then one route group per tab, each route declaring
/// who may call it (``RouteAccess``). Stops the process when the router holds a route without a declaration.
func buildRouter(
    configuration: WorkspaceServerConfiguration, services: WorkspaceServices, assets: SPAAssets, logger: Logger,
    metrics: WorkspaceMetrics? = nil
) -> Router<WorkspaceRequestContext> {
    buildRoutes(configuration: configuration, services: services, assets: assets, logger: logger, metrics: metrics).router
}

/// The router and the table of every route it serves with its access (what the access tests are generated from).
func buildRoutes(
    configuration: WorkspaceServerConfiguration, services: WorkspaceServices, assets: SPAAssets, logger: Logger,
    metrics: WorkspaceMetrics? = nil
) -> (router: Router<WorkspaceRequestContext>, table: RouteTable) {
    let router = Router(context: WorkspaceRequestContext.self)
    let allowList = HostAllowList(
        bindHost: configuration.host, extra: configuration.extraAllowedHosts + [configuration.publicURL?.host].compactMap { $0 })
    let metrics = configuration.metricsEnabled ? metrics ?? WorkspaceMetrics() : nil
    let secureCookies = configuration.tls != nil || configuration.publicURL?.scheme == "https"
    router.add(middleware: RequestIDMiddleware())
    if !configuration.trustedProxies.isEmpty {
        router.add(middleware: ForwardedHeadersMiddleware(trusted: configuration.trustedProxies, trustLoopback: configuration.trustLoopbackProxy))
    }
    if let metrics { router.add(middleware: MetricsMiddleware(metrics: metrics)) }
    router.add(middleware: AccessLogMiddleware(logger: logger))
    router.add(middleware: CompressionMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorEnvelopeMiddleware(logger: logger))
    router.add(middleware: PathGuardMiddleware())
    router.add(middleware: HostGuardMiddleware(allowList: allowList))
    router.add(middleware: OriginGuardMiddleware(secure: configuration.tls != nil, publicURL: configuration.publicURL))
    router.add(middleware: BodyLimitMiddleware(limit: configuration.bodyLimit))
    router.add(
        middleware: SPAMiddleware(assets: assets, basePath: configuration.basePath, serverPaths: metrics == nil ? [] : [configuration.metricsPath]))
    let authenticator = Authenticator(
        fileToken: services.tokens, credentials: services.credentials, sessions: services.loginSessions,
        accounts: services.accounts, tickets: services.eventTickets, secureCookies: secureCookies)
    let table = RouteTable()
    let root = SecuredRoutes(group: router.group(), prefix: "", table: table, authenticator: authenticator)
    if let metrics { MetricsRoutes(metrics: metrics, services: services).addRoutes(to: root, path: configuration.metricsPath) }
    let api = root.group(RouterPath(configuration.apiPrefix))
    AuthRoutes(signIn: services.signIn, authenticator: authenticator, basePath: configuration.basePath).addRoutes(to: api)
    AccountRoutes(accounts: services.accounts, sessions: services.loginSessions, throttle: services.loginThrottle, audit: services.audit)
        .addRoutes(to: api)
    UserRoutes(accounts: services.accounts, sessions: services.loginSessions, audit: services.audit).addRoutes(to: api)
    let scope = ProfileScope(homes: services.profiles)
    StatusRoutes(scope: scope).addRoutes(to: api)
    SessionRoutes(scope: scope).addRoutes(to: api)
    AnalyticsRoutes(scope: scope).addRoutes(to: api)
    ConfigRoutes(scope: scope).addRoutes(to: api)
    KeyRoutes(scope: scope).addRoutes(to: api)
    AuditRoutes(audit: services.audit, timeZone: services.main.timeZone).addRoutes(to: api)
    SkillRoutes(scope: scope).addRoutes(to: api)
    MemoryRoutes(scope: scope).addRoutes(to: api)
    MCPRoutes(scope: scope).addRoutes(to: api)
    ChannelRoutes(scope: scope).addRoutes(to: api)
    ToolRoutes(scope: scope).addRoutes(to: api)
    WebhookRoutes(scope: scope).addRoutes(to: api)
    ModelRoutes(scope: scope).addRoutes(to: api)
    ApprovalRoutes(queue: services.approvals, scope: scope, accounts: services.accounts, credentials: services.credentials).addRoutes(to: api)
    PairingRoutes(scope: scope, queue: services.approvals).addRoutes(to: api)
    CronRoutes(scope: scope).addRoutes(to: api)
    LogRoutes(scope: scope).addRoutes(to: api)
    LogStreamRoutes(scope: scope, bus: services.events, slots: services.logStreams, heartbeat: configuration.eventHeartbeat).addRoutes(to: api)
    EventRoutes(bus: services.events, tickets: services.eventTickets, heartbeat: configuration.eventHeartbeat).addRoutes(to: api)
    ProfileRoutes(homes: services.profiles, manager: services.profileManager, queue: services.approvals).addRoutes(to: api)
    MachineRoutes(homes: services.profiles).addRoutes(to: api)
    GatewayRoutes(scope: scope).addRoutes(to: api)
    let declared = Set(table.entries.map { "\($0.method) \($0.path)" })
    let undeclared = router.routes.map(\.description).filter { !declared.contains($0) }
    precondition(undeclared.isEmpty, "routes without a declared access: \(undeclared.joined(separator: ", "))")
    MethodNotAllowedRoutes().addRoutes(to: router)
    return (router, table)
}

/// Builds the whole application — the router, the HTTP (or HTTPS) server, and the long-running services (the local
/// cron scheduler, the home's change feed) — so `serve` and the tests run one composition. `onReady` receives the
/// URL once the socket listens. On graceful shutdown the server stops first; open event and log streams end
/// themselves, so it never waits on a page left open.
public func buildApplication(
    configuration: WorkspaceServerConfiguration, home: HermesHome, cron: CronSchedulerSettings = CronSchedulerSettings(),
    hermesCommand: HermesCommand = HermesCommand(), logger: Logger, onReady: @escaping @Sendable (String) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    var webhook: ApprovalWebhook?
    if let url = configuration.approvalWebhook {
        let page = configuration.publicURL.map { $0.appendingPathComponent("approvals") }
        webhook = try ApprovalWebhook(url: url, secret: try ApprovalWebhook.secret(home: home), approvalsPage: page)
        logger.info(
            "Announcing new approval requests to the webhook; receivers verify X-Hermes-Signature with the key in workspace/webhook.key",
            metadata: ["url": .string(url.absoluteString)])
    }
    let services = try WorkspaceServices(home: home, cron: cron, webhook: webhook, hermesCommand: hermesCommand)
    return try buildApplication(configuration: configuration, services: services, logger: logger, onReady: onReady)
}

/// The same over services already built (the tests reach into them).
func buildApplication(
    configuration: WorkspaceServerConfiguration, services: WorkspaceServices, logger: Logger,
    onReady: @escaping @Sendable (String) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let assets = configuration.webRoot.map(SPAAssets.load(webRoot:)) ?? configuration.embeddedWeb.map(SPAAssets.init(files:)) ?? .none
    let router = buildRouter(configuration: configuration, services: services, assets: assets, logger: logger)
    let basePath = configuration.basePath
    let scheme = configuration.tls == nil ? "http" : "https"
    return Application(
        router: router,
        server: try configuration.tls.map { try serverWithTLS($0) } ?? .http1(configuration: .init(idleTimeout: configuration.idleTimeout)),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: [
            CronSchedulerService(services: services), HomeWatchService(services: services, pollInterval: configuration.homePollInterval),
        ],
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            await onReady("\(scheme)://\(host):\(port)\(basePath)/")
        },
        logger: logger)
}

/// HTTPS with HTTP/2 or HTTP/1.1 chosen by ALPN, from PEM files; a missing or unreadable file is a clear error.
private func serverWithTLS(_ files: (certificateChain: String, privateKey: String)) throws -> HTTPServerBuilder {
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey
    do {
        chain = try NIOSSLCertificate.fromPEMFile(files.certificateChain)
        key = try NIOSSLPrivateKey(file: files.privateKey, format: .pem)
    } catch {
        throw WorkspaceError.invalidInput(
            "The TLS certificate (\(files.certificateChain)) or key (\(files.privateKey)) could not be read as PEM: \(error)")
    }
    guard !chain.isEmpty else { throw WorkspaceError.invalidInput("\(files.certificateChain) holds no certificate.") }
    let tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    return try .http2Upgrade(tlsConfiguration: tls)
}
