import Foundation
import Testing

/// The one time-zone rule, in headless Chromium against the real binary: with the agent in Europe/Berlin (the demo
/// home's `timezone`) and the browser in America/New_York, every time the agent schedules or records — the cron
/// preview, next run, last run, run history — is shown in Berlin time labelled with its zone, and the reader's own
/// time is in the hover.
@Suite(.serialized) struct BrowserTimeZoneTests {
    @Test func cronTimesAreTheAgentsLabelledWithItsZone() async throws {
        let site = try await DemoSite.start(sessions: 3)
        defer { site.stop() }
        let client = try await site.client()
        let created = try await client.send(
            "POST", "/api/v1/cron/jobs", headers: ["Content-Type: application/json"],
            body: #"{"name":"Zone check","prompt":"hello","schedule":"0 9 * * 1-5"}"#)
        #expect(created.status == 201, "\(created.text)")
        let seen = try await site.withBrowser(at: "cron", timeZone: "America/New_York") { browser -> [String: String] in
            try browser.waitUntil("[...document.querySelectorAll('.cron-card')].some((card) => card.innerText.includes('Zone check'))")
            var seen: [String: String] = [:]
            seen["browserZone"] = try browser.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") as? String
            seen["next"] =
                try browser.evaluate(
                    "[...document.querySelectorAll('.cron-card')].find((card) => card.innerText.includes('Zone check')).querySelector('.cron-next-run dd').innerText"
                )
                as? String
            seen["reading"] =
                try browser.evaluate(
                    "[...document.querySelectorAll('.cron-card')].find((card) => card.innerText.includes('Zone check')).querySelector('.cron-reading').innerText"
                )
                as? String
            seen["nextHover"] =
                try browser.evaluate(
                    "[...document.querySelectorAll('.cron-card')].find((card) => card.innerText.includes('Zone check')).querySelector('.cron-next-run time').title"
                )
                as? String
            // A demo job that has run: its last run and its run history.
            seen["last"] =
                try browser.evaluate(
                    "([...document.querySelectorAll('.cron-card')].find((card) => card.querySelector('.cron-last-run time')) || document.body).querySelector('.cron-last-run time').innerText"
                )
                as? String
            try browser.evaluate(
                "[...document.querySelectorAll('.cron-card')].find((card) => card.querySelector('.cron-last-run time')).querySelector('.cron-card-title').click()"
            )
            try browser.waitUntil("document.querySelector('.cron-run-list .chip')")
            seen["run"] = try browser.evaluate("document.querySelector('.cron-run-list .chip').innerText") as? String
            try browser.click(button: "New job")
            try browser.waitUntil("document.querySelector('#cron-schedule')")
            try browser.fill("#cron-schedule", "0 9 * * 1-5")
            try browser.waitUntil("document.querySelectorAll('.cron-next li').length === 5")
            seen["preview"] = try browser.evaluate("document.querySelector('.cron-next').innerText") as? String
            return seen
        }
        #expect(seen["browserZone"] == "America/New_York", "the browser lives in New York: \(seen)")
        #expect((seen["reading"] ?? "").contains("Weekdays at 09:00 CET"), "the schedule in words, in the agent's time: \(seen)")
        for key in ["next", "preview"] {
            let text = seen[key] ?? ""
            #expect(text.contains("09:00") && text.contains("CET") && !text.contains("03:00"), "\(key) in Berlin time with its zone: \(text)")
        }
        #expect((seen["nextHover"] ?? "").contains("03:00") && (seen["nextHover"] ?? "").contains("EST"), "the reader's time on hover: \(seen)")
        #expect((seen["last"] ?? "").contains("CET") || (seen["last"] ?? "").contains("CEST"), "last run labelled: \(seen)")
        #expect((seen["run"] ?? "").contains("CET") || (seen["run"] ?? "").contains("CEST"), "run history labelled: \(seen)")
    }
}
