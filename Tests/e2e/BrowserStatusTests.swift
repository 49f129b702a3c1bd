import Foundation
import Testing
import WorkspaceCore

/// Starts the real `hermes-workspace` binary on a demo home and renders it in headless Chromium.
@Suite(.serialized) struct BrowserStatusTests {
    @Test func theStatusTabRendersTheGatewayStateFromTheRealBinary() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let home = root.appendingPathComponent("home")
        try run(try BrowserEnvironment.binary().path, ["demo", home.path, "--sessions", "40"])
        let server = try ServerProcess(binary: try BrowserEnvironment.binary(), home: home, webRoot: BrowserEnvironment.repository.appendingPathComponent("web"))
        defer { server.stop() }
        let url = try await server.waitForReadyURL()
        let dom = try run(try BrowserEnvironment.chromium(), ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(root.appendingPathComponent("profile").path)",
                                               "--virtual-time-budget=8000", "--dump-dom", url + "status"])
        #expect(dom.contains("Hermes Workspace"))
        #expect(dom.contains(#"data-testid="gateway-state">not running (stale pid file)"#))
        #expect(dom.contains(#"data-testid="platform-discord""#))
        #expect(dom.contains("invalid_token"))
        #expect(dom.contains("Approvals"))
    }
}
