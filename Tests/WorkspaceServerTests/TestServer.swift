import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import WorkspaceCore
@testable import WorkspaceServer

/// A workspace application over a temp home, with a web root holding a small fake SPA build.
struct TestServer: Sendable {
    let home: HermesHome
    let webRoot: URL
    let configuration: WorkspaceServerConfiguration
    let services: WorkspaceServices

    init(basePath: String = "", host: String = "127.0.0.1") throws {
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
        try FileManager.default.createSymbolicLink(at: webRoot.appendingPathComponent("dist/leak.txt"), withDestinationURL: root.appendingPathComponent("outside.txt"))
        configuration = WorkspaceServerConfiguration(host: host, port: 0, basePath: basePath, bodyLimit: 1024, webRoot: webRoot.path)
        services = WorkspaceServices(home: home)
    }

    var token: String { (try? services.tokens.current().value) ?? "" }

    var router: Router<WorkspaceRequestContext> {
        buildRouter(configuration: configuration, services: services, assets: SPAAssets.load(webRoot: webRoot.path), logger: Logger(label: "test"))
    }

    func application() -> some ApplicationProtocol {
        Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
    }

    var authorized: HTTPFields { [.authorization: "Bearer \(token)"] }

    /// Runs `body` against a fresh server over a new temp home, and removes the home afterwards.
    static func test(_ setup: TestingSetup = .router, basePath: String = "", host: String = "127.0.0.1",
                     _ body: @Sendable (TestServer, any TestClientProtocol) async throws -> Void) async throws {
        let server = try TestServer(basePath: basePath, host: host)
        defer { server.remove() }
        try await server.application().test(setup) { client in try await body(server, client) }
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
