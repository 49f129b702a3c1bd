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
            try browser.waitUntil("document.querySelector('.cron-card') && document.querySelector('.cron-banner')")
            let list = try browser.evaluate("document.querySelector('.cron').innerText") as? String ?? ""
            try browser.recordLog()
            try browser.click(button: "New job")
            try browser.waitUntil("document.querySelector('#cron-schedule') && document.querySelector('#cron-skill option[value=\"web-research\"]')")
            // Typed as a person types: each keystroke a new value, the preview debounced; the refusal is shown
            // inline and nothing is logged as a failed request.
            for end in ["every b", "every ban", "every banana"] { try browser.fill("#cron-schedule", end) }
            try browser.waitUntil("document.querySelector('.cron-preview .field-error')")
            let refused = try browser.evaluate("document.querySelector('.cron-preview').innerText") as? String ?? ""
            let logged = browser.logged.joined(separator: "\n")
            let createDisabled =
                try browser.evaluate("[...document.querySelectorAll('.cron-editor button')].find((b) => b.textContent === 'Create').disabled")
                as? Bool
            // A preset writes the agent's grammar into the field.
            try browser.click(button: "Weekdays at", in: ".cron-editor")
            try browser.waitUntil(
                "document.querySelector('#cron-schedule').value === '0 9 * * 1-5' && document.querySelectorAll('.cron-next li').length === 5")
            try browser.click(button: "Every N minutes", in: ".cron-editor")
            try browser.waitUntil("document.querySelector('#cron-schedule').value === 'every 30m'")
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
            try browser.waitUntil("[...document.querySelectorAll('.cron-card')].some((card) => card.innerText.includes('Browser digest'))")
            let card =
                try browser.evaluate(
                    "[...document.querySelectorAll('.cron-card')].find((card) => card.innerText.includes('Browser digest')).innerText")
                as? String ?? ""
            try browser.evaluate(
                "[...[...document.querySelectorAll('.cron-card')].find((card) => card.innerText.includes('Browser digest')).querySelectorAll('button')].find((b) => b.textContent === 'Pause').click()"
            )
            try browser.waitUntil(
                "[...document.querySelectorAll('.cron-card')].some((card) => card.innerText.includes('Browser digest') && card.innerText.includes('paused'))"
            )
            // The recorder does see a failed request (so the check above can fail).
            try browser.evaluate("fetch('/api/v1/no-such-route').then(() => true)")
            try browser.waitUntil("true")
            let control = browser.logged.joined(separator: "\n")
            return [list, refused, createDisabled == true ? "disabled" : "enabled", preview, logged, card, control]
        }
        #expect(!observed[4].contains("400"), "an invalid schedule while typing logs no failed request: \(observed[4])")
        #expect(observed[6].contains("404"), "the log recorder sees failed requests: \(observed[6])")
        #expect(observed[5].contains("Weekdays at 09:00 CET") && observed[5].contains("0 9 * * 1-5"), "the card reads the schedule: \(observed[5])")
        #expect(observed[0].contains("Daily at 02:15") && observed[0].contains("Every 30 minutes"), "the demo's schedules in words: \(observed[0])")
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
            try browser.waitUntil("document.querySelector('.cron-card[data-job=\"\(id)\"]')")
            try browser.evaluate("document.querySelector('.cron-card[data-job=\"\(id)\"] .cron-card-title').click()")
            try browser.waitUntil("document.querySelector('.cron-run-output h1, .cron-run-output h2, .cron-run-output p')")
            return try browser.evaluate("document.querySelector('.cron-runs').innerText") as? String ?? ""
        }
        #expect(text.contains("Runs of"))
    }
}
