import Foundation
import Testing

/// The Approvals and Skills tabs in headless Chromium against the real binary on a demo home.
@Suite(.serialized) struct BrowserApprovalsSkillsTests {
    /// Submits a request the way the agent's plugin does, with an agent token, from the page (same origin).
    private static func submit(_ command: String, token agentToken: String, session: String = "demo-session") -> String {
        """
        (() => { const token = \(DevToolsBrowser.literal(agentToken));
          fetch('/api/v1/approvals', { method: 'POST', headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
            body: JSON.stringify({ tool: 'terminal', action: \(DevToolsBrowser.literal(command)), sessionId: \(DevToolsBrowser.literal(session)), platform: 'telegram',
                                   reason: 'clean the build folder', risks: ['recursive delete'] }) });
          return true; })()
        """
    }

    @Test func aPendingRequestIsApprovedAndLeavesTheQueue() async throws {
        let site = try await DemoSite.start(sessions: 1)
        defer { site.stop() }
        let agent = try await site.scopedToken()
        // The request names a real session of the demo: the card says its title, not only its id.
        let client = try await site.client()
        let list = try await client.send("GET", "/api/v1/sessions?limit=1")
        let session = try #require((list.object?["items"] as? [[String: Any]])?.first)
        let sessionID = try #require(session["id"] as? String)
        let sessionTitle = try #require(session["title"] as? String)
        let observed = try await site.withBrowser(at: "approvals") { browser -> [String] in
            try browser.waitUntil("document.body.innerText.includes('Nothing is waiting')")
            try browser.evaluate(Self.submit("rm -rf build/", token: agent, session: sessionID))
            try browser.waitUntil("document.querySelector('li.approval') && document.querySelector('.nav-badge')")
            let badge = try browser.evaluate("document.querySelector('.nav-badge').textContent") as? String ?? ""
            let title = try browser.evaluate("document.title") as? String ?? ""
            let card = try browser.evaluate("document.querySelector('li.approval').innerText") as? String ?? ""
            try browser.click(button: "Approve once", in: "li.approval")
            try browser.waitUntil("!document.querySelector('li.approval') && document.body.innerText.includes('Nothing is waiting')")
            try browser.waitUntil("document.querySelector('tr[data-approval]') && !document.querySelector('.nav-badge')")
            let history = try browser.evaluate("document.querySelector('tr[data-approval]').innerText") as? String ?? ""
            return [badge, title, card, history, try browser.evaluate("document.title") as? String ?? ""]
        }
        #expect(observed[0] == "1" && observed[1] == "(1) Hermes Workspace", "the sidebar badge and the title count it")
        #expect(
            observed[2].contains("rm -rf build/") && observed[2].contains("telegram") && observed[2].contains("recursive delete")
                && observed[2].contains("left"))
        #expect(observed[2].contains("in “\(sessionTitle)”"), "the session's title: \(observed[2])")
        #expect(observed[3].contains("approved") && observed[3].contains(sessionTitle), "\(observed[3])")
        #expect(observed[4] == "Hermes Workspace")
    }

    @Test func skillsAreListedViewedAndSwitchedOff() async throws {
        let site = try await DemoSite.start(sessions: 1)
        defer { site.stop() }
        let observed = try await site.withBrowser(at: "skills") { browser -> [String] in
            try browser.waitUntil("document.querySelector('li[data-skill=\"web-research\"]')")
            let list = try browser.evaluate("document.querySelector('.skills').innerText") as? String ?? ""
            try browser.evaluate("document.querySelector('li[data-skill=\"web-research\"] .skill-name').click()")
            try browser.waitUntil("document.querySelector('.skill-pane .skill-content')")
            let pane = try browser.evaluate("document.querySelector('.skill-pane').innerText") as? String ?? ""
            let role = try browser.evaluate("document.querySelector('li[data-skill=\"web-research\"] input').getAttribute('role')") as? String ?? ""
            try browser.evaluate("document.querySelector('li[data-skill=\"web-research\"] input[role=switch]').click()")
            // The confirmation is beside the row that was flipped, not at the top of the page.
            try browser.waitUntil(
                "document.querySelector('li[data-skill=\"web-research\"] .row-notice-good') && !document.querySelector('li[data-skill=\"web-research\"] input').checked"
            )
            let notice = try browser.evaluate("document.querySelector('li[data-skill=\"web-research\"] .row-notice').innerText") as? String ?? ""
            return [list, pane, role, notice]
        }
        #expect(observed[0].contains("research") && observed[0].contains("web-research"))
        #expect(observed[1].contains("web-research") && observed[1].contains("SKILL.md"))
        #expect(observed[2] == "switch", "a real switch")
        #expect(observed[3].contains("Disabled in config.yaml"), "said beside the row: \(observed[3])")
        let config = try String(contentsOf: site.home.appendingPathComponent("config.yaml"), encoding: .utf8)
        let disabled = config.components(separatedBy: "  disabled:\n").dropFirst().first?.components(separatedBy: "  platform_disabled:").first ?? ""
        #expect(disabled == "    - legacy-notes\n    - web-research\n", "skills.disabled in config.yaml now lists it, sorted: \(disabled)")
        #expect(config.contains("    telegram: [web-research]\n"), "the rest of the section is untouched")
    }
}
