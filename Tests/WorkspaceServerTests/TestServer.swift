import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import WorkspaceCore

@testable import WorkspaceServer

/// A workspace application over a temp home, with a web root holding a small fake SPA build.
struct TestServer: Sendable {
    let home: HermesHome
    let webRoot: URL
    let configuration: WorkspaceServerConfiguration
    let services: WorkspaceServices
    /// Every line the server logged.
    let logs = LogCapture()

    init(
        basePath: String = "", host: String = "127.0.0.1", bodyLimit: Int = 1024, cron: CronSchedulerSettings = CronSchedulerSettings(),
        metrics: Bool = false, clock: any WorkspaceClock = SystemClock()
    ) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-server-test-\(UUID().uuidString)")
        home = HermesHome(root: root.appendingPathComponent("home"))
        webRoot = root.appendingPathComponent("web")
        try FileManager.default.createDirectory(at: home.root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: webRoot.appendingPathComponent("dist"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: webRoot.appendingPathComponent("vendor"), withIntermediateDirectories: true)
        try Data(#"<meta name="hermes-base-path" content="__HERMES_BASE_PATH__"><meta name="hermes-token" content="__HERMES_TOKEN__">"#.utf8)
            .write(to: webRoot.appendingPathComponent("dist/index.html"))
        try Data("console.log(1)".utf8).write(to: webRoot.appendingPathComponent("dist/app-0123456789.js"))
        try Data("window.React={}".utf8).write(to: webRoot.appendingPathComponent("vendor/react@18.3.1.min.js"))
        try Data("secret".utf8).write(to: root.appendingPathComponent("outside.txt"))
        try FileManager.default.createSymbolicLink(
            at: webRoot.appendingPathComponent("dist/leak.txt"), withDestinationURL: root.appendingPathComponent("outside.txt"))
        var configuration = WorkspaceServerConfiguration(host: host, port: 0, basePath: basePath, bodyLimit: bodyLimit, webRoot: webRoot.path)
        configuration.eventHeartbeat = .milliseconds(300)
        configuration.metricsEnabled = metrics
        configuration.homePollInterval = 0.2
        self.configuration = configuration
        services = try WorkspaceServices(home: home, cron: cron, clock: clock)
    }

    var token: String { (try? services.tokens.current().value) ?? "" }

    var router: Router<WorkspaceRequestContext> {
        buildRouter(configuration: configuration, services: services, assets: SPAAssets.load(webRoot: webRoot.path), logger: logs.logger)
    }

    /// The application `serve` runs, over this home (the same composition).
    func application() throws -> some ApplicationProtocol {
        try buildApplication(configuration: configuration, services: services, logger: logs.logger)
    }

    var authorized: HTTPFields { [.authorization: "Bearer \(token)"] }

    /// Runs `body` against a fresh server over a new temp home (the agent-written fixture when `fixture` is set),
    /// and removes the home afterwards.
    static func test(
        _ setup: TestingSetup = .router, basePath: String = "", host: String = "127.0.0.1", fixture: Bool = false,
        bodyLimit: Int = 1024, cron: CronSchedulerSettings = CronSchedulerSettings(), metrics: Bool = false,
        clock: any WorkspaceClock = SystemClock(),
        _ body: @Sendable (TestServer, any TestClientProtocol) async throws -> Void
    ) async throws {
        let server = try TestServer(basePath: basePath, host: host, bodyLimit: bodyLimit, cron: cron, metrics: metrics, clock: clock)
        defer { server.remove() }
        if fixture { try server.unpackFixture() }
        try await server.application().test(setup) { client in try await body(server, client) }
    }

    /// Fills the home with the agent-written fixture (`Tests/Fixtures/hermes-home-0.19.tar.gz`).
    func unpackFixture() throws {
        let archive = Repository.fixture("hermes-home-0.19.tar.gz")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-xzf", archive.path, "-C", home.root.path, "--strip-components=1", "hermes-home"]
        try tar.run()
        tar.waitUntilExit()
        guard tar.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
    }

    /// Reads `state.db` directly, as another process would.
    func readState<T>(_ body: (Database) throws -> T) throws -> T {
        try DatabaseQueue(path: home.stateDatabase.path).read(body)
    }

    /// Writes `state.db` directly, as the agent would.
    func writeState(_ body: (Database) throws -> Void) throws {
        try DatabaseQueue(path: home.stateDatabase.path).write(body)
    }

    func remove() {
        try? FileManager.default.removeItem(at: home.root.deletingLastPathComponent())
    }
}

/// Decodes the error envelope of a response body.
func errorCode(_ body: ByteBuffer) -> String? {
    let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
    return (object?["error"] as? [String: Any])?["code"] as? String
}
