import Foundation
import Testing

/// The Approvals and Skills tabs in headless Chromium against the real binary on a demo home.
@Suite(.serialized) struct BrowserApprovalsSkillsTests {
    /// Submits a request the way the agent's plugin does, with an agent token, from the page (same origin).
    private static func submit(_ command: String, token agentToken: String) -> String {
        """
        (() => { const token = \(DevToolsBrowser.literal(agentToken));
          fetch('/api/v1/approvals', { method: 'POST', headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
            body: JSON.stringify({ tool: 'terminal', action: \(DevToolsBrowser.literal(command)), sessionId: 'demo-session', platform: 'telegram',
                                   reason: 'clean the build folder', risks: ['recursive delete'] }) });
          return true; })()
        """
    }

    @Test func aPendingRequestIsApprovedAndLeavesTheQueue() async throws {
        let site = try await DemoSite.start(sessions: 1)
        defer { site.stop() }
        let agent = try await site.scopedToken()
        let observed = try await site.withBrowser(at: "approvals") { browser -> [String] in
            try browser.waitUntil("document.body.innerText.includes('Nothing is waiting')")
            try browser.evaluate(Self.submit("rm -rf build/", token: agent))
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
        #expect(observed[3].contains("approved"))
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
            try browser.evaluate("document.querySelector('li[data-skill=\"web-research\"] input[type=checkbox]').click()")
            try browser.waitUntil(
                "document.querySelector('.alert-good') && document.querySelector('.alert-good').textContent.includes('web-research disabled')")
            return [list, pane]
        }
        #expect(observed[0].contains("research") && observed[0].contains("web-research"))
        #expect(observed[1].contains("web-research") && observed[1].contains("SKILL.md"))
        let config = try String(contentsOf: site.home.appendingPathComponent("config.yaml"), encoding: .utf8)
        let disabled = config.components(separatedBy: "  disabled:\n").dropFirst().first?.components(separatedBy: "  platform_disabled:").first ?? ""
        #expect(disabled == "    - legacy-notes\n    - web-research\n", "skills.disabled in config.yaml now lists it, sorted: \(disabled)")
        #expect(config.contains("    telegram: [web-research]\n"), "the rest of the section is untouched")
    }
}
