import Foundation
import Testing

/// Starts the real `hermes-workspace` binary on a demo home and renders it in headless Chromium.
@Suite(.serialized) struct BrowserStatusTests {
    @Test func theStatusTabRendersTheGatewayStateFromTheRealBinary() async throws {
        let site = try await DemoSite.start(sessions: 40)
        defer { site.stop() }
        let dom = try await site.render("status", when: "document.querySelector('[data-testid=platform-discord]')")
        #expect(dom.contains("Hermes Workspace"))
        #expect(dom.contains(#"data-testid="gateway-state">not running (stale pid file)"#))
        #expect(dom.contains(#"data-testid="platform-discord""#))
        #expect(dom.contains("invalid_token"))
        #expect(dom.contains("Approvals"))
        #expect(dom.contains(#"data-testid="demo-home""#), "a demo home says its figures are made up")
    }
}
