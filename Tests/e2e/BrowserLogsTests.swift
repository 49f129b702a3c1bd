import Foundation
import Testing

/// The Logs tab follows the agent's log live in headless Chromium against the real binary.
@Suite(.serialized) struct BrowserLogsTests {
    @Test func aLineAppendedToTheLogAppearsLiveAndTracebacksOpen() async throws {
        let site = try await DemoSite.start(sessions: 3)
        defer { site.stop() }
        let log = site.home.appendingPathComponent("logs/agent.log")
        let seen = try await site.withBrowser(at: "logs") { browser -> [String] in
            try browser.waitUntil("document.querySelectorAll('[data-testid=log-row]').length > 10")
            try browser.waitUntil("document.querySelector('.follow-toggle .badge-good')")
            let handle = try FileHandle(forWritingTo: log)
            try handle.seekToEnd()
            try handle.write(
                contentsOf: Data(
                    "2026-11-25 23:59:59,123 ERROR [e2e] tools.terminal_tool: appended while watching\nTraceback (most recent call last):\nRuntimeError: e2e boom\n2026-11-25 23:59:59,500 INFO run_agent: after it\n"
                        .utf8))
            try handle.close()
            try browser.waitUntil(
                "[...document.querySelectorAll('[data-testid=log-row]')].some((row) => row.textContent.includes('appended while watching'))",
                seconds: 20)
            try browser.evaluate(
                "[...document.querySelectorAll('[data-testid=log-row]')].find((row) => row.textContent.includes('appended while watching')).querySelector('button').click()"
            )
            try browser.waitUntil("document.querySelector('.log-detail')")
            let detail = try browser.evaluate("document.querySelector('.log-detail').textContent") as? String ?? ""
            let row =
                try browser.evaluate(
                    "[...document.querySelectorAll('[data-testid=log-row]')].find((row) => row.textContent.includes('appended while watching')).textContent"
                ) as? String ?? ""
            return [row, detail]
        }
        #expect(seen[0].contains("ERROR") && seen[0].contains("[e2e]") && seen[0].contains("+2 lines"))
        #expect(seen[1].contains("RuntimeError: e2e boom"), "the traceback is part of the record")
    }

    /// On a phone the log filters wait behind one button that says what is chosen; opening it shows them, and
    /// applying a search closes them again with the count on the button.
    @Test func onAPhoneTheFiltersWaitBehindAButton() async throws {
        let site = try await DemoSite.start(sessions: 3)
        defer { site.stop() }
        let seen = try await site.withBrowser(at: "logs") { browser -> [String] in
            try browser.setViewport(width: 390, height: 844)
            try browser.waitUntil("document.querySelector('.log-count') && document.querySelector('.log-filters .filters-toggle')")
            let hidden = try browser.evaluate("String(document.querySelector('#log-filter-row').offsetParent === null)") as? String ?? ""
            try browser.evaluate("document.querySelector('.log-filters .filters-toggle').click()")
            try browser.waitUntil("document.querySelector('#log-filter-row').offsetParent !== null")
            try browser.fill("#log-filter-row input[type=search]", "gateway")
            try browser.click(button: "Apply", in: ".log-filters")
            try browser.waitUntil("document.querySelector('#log-filter-row').offsetParent === null")
            return [hidden, try browser.evaluate("document.querySelector('.log-filters .filters-toggle').innerText") as? String ?? ""]
        }
        #expect(seen[0] == "true", "the filters start folded on a phone")
        #expect(seen[1].contains("Filters (1)") && seen[1].contains("agent"), "the button says what is chosen: \(seen[1])")
    }
}
