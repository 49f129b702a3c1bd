import Foundation
import Testing

/// A person at the Approvals tab in Chromium while the real agent (`hermes chat -q`, hermes-agent 0.19.0, scripted
/// model) works: its request appears live with the agent's own description and only the choices it offers; the
/// person approves once; the agent's session carries on and runs the command; the history names the person.
@Suite(.serialized) struct BrowserAgentApprovalTests {
    @Test(
        .enabled(
            if: AgentProcess.python != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test")
    )
    func aLiveRequestIsApprovedInTheBrowserAndTheAgentCarriesOn() async throws {
        var lab = try await AgentLab.start(timeout: 120, turns: [])
        defer { lab.stop() }
        try await setOperatorPassword("a long enough password", user: "dana", home: lab.home)
        let target = lab.work.appendingPathComponent("build-cache")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        lab = try await lab.restub(turns: [
            ["tool": "terminal", "arguments": ["command": "rm -rf \(target.path)"]], ["say": "Cleared the cache: {last_tool}"],
        ])
        let box = RunBox()
        let seen = try await lab.site.withBrowser(at: "approvals") { [lab] browser -> [String] in
            try browser.signIn(user: "dana", password: "a long enough password")
            try browser.waitUntil("document.body.innerText.includes('Nothing is waiting')", seconds: 30)
            try browser.evaluate("window.__sameDocument = true")
            box.run = try lab.chat("clear the build cache")
            try browser.waitUntil("document.querySelectorAll('li.approval').length === 1", seconds: 180)
            let card = try browser.evaluate("document.querySelector('li.approval').innerText") as? String ?? ""
            let buttons =
                try browser.evaluate("[...document.querySelectorAll('li.approval button')].map(b => b.textContent).join('|')") as? String ?? ""
            let same = try browser.evaluate("window.__sameDocument === true") as? Bool ?? false
            try browser.evaluate(
                "[...document.querySelectorAll('li.approval button')].find(b => b.textContent === 'Approve once').click(); true")
            try browser.waitUntil(
                "document.body.innerText.includes('Nothing is waiting') && document.querySelectorAll('tr[data-approval]').length >= 1", seconds: 30)
            let history = try browser.evaluate("document.querySelector('tr[data-approval]').innerText") as? String ?? ""
            return [card, buttons, String(same), history]
        }
        #expect(
            seen[0].contains("rm -rf \(target.path)") && seen[0].contains("delete in root path"),
            "the command and the agent's description: \(seen[0])")
        #expect(seen[0].contains("also asked at the terminal"), "where else it is asked: \(seen[0])")
        #expect(seen[1].contains("Approve once") && seen[1].contains("For this session") && seen[1].contains("Always") && seen[1].contains("Deny"))
        #expect(seen[2] == "true", "it arrived without a reload")
        #expect(seen[3].contains("dana"), "the history names who decided: \(seen[3])")
        let run = try #require(box.run)
        let printed = try await run.finish()
        #expect(!FileManager.default.fileExists(atPath: target.path), "the agent ran it after the approval\n\(printed)")
        #expect(printed.contains("Cleared the cache") && printed.contains("Approved (once) in Hermes Workspace by dana"), "\(printed)")
    }
}

/// A run started inside a browser closure and awaited after it.
final class RunBox: @unchecked Sendable {
    var run: AgentRun?
}
