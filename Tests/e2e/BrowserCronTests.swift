import Foundation
import Testing

/// The Cron tab in headless Chromium against the real binary on a demo home: list, create with a live schedule
/// preview and a skill from the registry, pause, and the run history.
@Suite(.serialized) struct BrowserCronTests {
    private func jobs(_ site: DemoSite) throws -> [[String: Any]] {
        let data = try Data(contentsOf: site.home.appendingPathComponent("cron/jobs.json"))
        return ((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["jobs"] as? [[String: Any]]) ?? []
    }

    @Test func createAJobWithALivePreviewThenPauseIt() async throws {
        let site = try await DemoSite.start(sessions: 3)
        defer { site.stop() }
        let before = try jobs(site).count
        let observed = try await site.withBrowser(at: "cron") { browser -> [String] in
            try browser.waitUntil("document.querySelector('.cron-table tbody tr') && document.querySelector('.cron-banner')")
            let list = try browser.evaluate("document.querySelector('.cron').innerText") as? String ?? ""
            try browser.click(button: "New job")
            try browser.waitUntil("document.querySelector('#cron-schedule') && document.querySelector('#cron-skill option[value=\"web-research\"]')")
            try browser.fill("#cron-schedule", "every banana")
            try browser.waitUntil("document.querySelector('.cron-preview .field-error')")
            let refused = try browser.evaluate("document.querySelector('.cron-preview').innerText") as? String ?? ""
            let createDisabled =
                try browser.evaluate("[...document.querySelectorAll('.cron-editor button')].find((b) => b.textContent === 'Create').disabled")
                as? Bool
            try browser.fill("#cron-schedule", "0 9 * * 1-5")
            try browser.waitUntil("document.querySelectorAll('.cron-next li').length === 5")
            let preview = try browser.evaluate("document.querySelector('.cron-preview').innerText") as? String ?? ""
            try browser.fill("#cron-name", "Browser digest")
            try browser.fill("#cron-prompt", "Summarise what changed in my repos")
            try browser.fill("#cron-skill", "web-research")
            try browser.waitUntil("document.querySelector('.cron-editor .chip.active')")
            try browser.click(button: "Create", in: ".cron-editor")
            try browser.waitUntil(
                "document.querySelector('.alert-good') && document.querySelector('.alert-good').textContent.includes('Browser digest created')")
            try browser.waitUntil("[...document.querySelectorAll('.cron-table tbody tr')].some((row) => row.innerText.includes('Browser digest'))")
            try browser.evaluate(
                "[...document.querySelectorAll('.cron-table tbody tr')].find((row) => row.innerText.includes('Browser digest')).querySelector('.row-actions button:nth-child(2)').click()"
            )
            try browser.waitUntil(
                "[...document.querySelectorAll('.cron-table tbody tr')].some((row) => row.innerText.includes('Browser digest') && row.innerText.includes('paused'))"
            )
            return [list, refused, createDisabled == true ? "disabled" : "enabled", preview]
        }
        #expect(observed[0].contains("Morning") || observed[0].contains("every 30m"), "the demo's jobs are listed: \(observed[0].prefix(300))")
        #expect(observed[0].contains("Scheduler:"))
        #expect(observed[1].contains("not a schedule") || observed[1].contains("not an interval"), "\(observed[1])")
        #expect(observed[2] == "disabled", "an invalid schedule blocks Create")
        #expect(observed[3].contains("cron") && observed[3].contains("0 9 * * 1-5"))
        let stored = try jobs(site)
        #expect(stored.count == before + 1)
        let created = try #require(stored.first { $0["name"] as? String == "Browser digest" })
        #expect(created["prompt"] as? String == "Summarise what changed in my repos")
        #expect(created["skills"] as? [String] == ["web-research"] && created["schedule_display"] as? String == "0 9 * * 1-5")
        #expect(created["enabled"] as? Bool == false && created["state"] as? String == "paused")
    }

    @Test func aJobsRunHistoryRendersItsOutput() async throws {
        let site = try await DemoSite.start(sessions: 3)
        defer { site.stop() }
        let withRuns = try jobs(site).compactMap { $0["id"] as? String }.first { id in
            ((try? FileManager.default.contentsOfDirectory(atPath: site.home.appendingPathComponent("cron/output/\(id)").path)) ?? []).contains {
                $0.hasSuffix(".md")
            }
        }
        let id = try #require(withRuns, "the demo home has saved runs")
        let text = try await site.withBrowser(at: "cron") { browser -> String in
            try browser.waitUntil("document.querySelector('tr[data-job=\"\(id)\"]')")
            try browser.evaluate("document.querySelector('tr[data-job=\"\(id)\"] button').click()")
            try browser.waitUntil("document.querySelector('.cron-run-output h1, .cron-run-output h2, .cron-run-output p')")
            return try browser.evaluate("document.querySelector('.cron-runs').innerText") as? String ?? ""
        }
        #expect(text.contains("Runs of"))
    }
}
