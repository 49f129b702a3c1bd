import Foundation
import Testing

/// The Channels tab in headless Chromium against the real binary and the real agent's pairing store: the demo's
/// Telegram bot is on because its token is in `.env`; switching it off writes `platforms.telegram.enabled: false`
/// (which the gateway reads as off despite the token); a stranger who asked the bot is paired with the code they
/// were sent, and the agent's own `PairingStore` agrees.
@Suite(.serialized) struct BrowserChannelsTests {
    static let python = AgentProcess.python

    /// The agent's own pairing store, as PairingTests drives it.
    private static let store = PairingTests.store

    @Test(.enabled(if: python != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func aPlatformIsSwitchedOffAndAStrangerIsPaired() async throws {
        let python = try #require(Self.python)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-channels-\(UUID().uuidString)")
        let home = root.appendingPathComponent("home")
        defer { try? FileManager.default.removeItem(at: root) }
        try await offThePool { try run(try BrowserEnvironment.binary().path, ["demo", home.path, "--sessions", "1"]) }
        let code = try #require(
            try await AgentProcess.output(of: try AgentProcess.start(["-c", Self.store, "ask", "telegram", "4242", "Mallory"], home: home))["code"]
                as? String)
        let site = try await DemoSite.serve(root: root, environment: ["HERMES_AGENT_PYTHON": python])
        defer { site.server.stop() }
        let seen = try await site.withBrowser(at: "channels") { browser -> [String] in
            try browser.waitUntil(
                "document.querySelector('.channel-card[data-channel=telegram]') && document.querySelector('input[aria-label^=\"Code Mallory\"]')")
            let card = try browser.evaluate("document.querySelector('.channel-card[data-channel=telegram]').innerText") as? String ?? ""
            try browser.evaluate("document.querySelector('.channel-card[data-channel=telegram] input[role=switch]').click()")
            try browser.waitUntil("document.querySelector('.channel-card[data-channel=telegram] input[role=switch]').checked === false")
            try browser.fill("input[aria-label^=\"Code Mallory\"]", code)
            try browser.click(button: "Pair", in: "section[aria-label=Pairing]")
            try browser.waitUntil("document.querySelector('tr[data-paired=\"4242\"]')")
            return [card]
        }
        #expect(seen[0].contains("on because its credential is in .env") && seen[0].contains("TELEGRAM_BOT_TOKEN"), "\(seen[0])")
        let config = String(decoding: try Data(contentsOf: home.appendingPathComponent("config.yaml")), as: UTF8.self)
        #expect(config.contains("platforms:\n  telegram:\n    enabled: false") || config.contains("enabled: false"), "\(config)")
        let paired = try await AgentProcess.output(of: try AgentProcess.start(["-c", Self.store, "check", "telegram", "4242"], home: home))
        #expect(paired["approved"] as? Bool == true, "the agent's own store says paired")
    }
}
