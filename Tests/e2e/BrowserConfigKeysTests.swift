import Foundation
import Testing

/// The Config and API Keys tabs in headless Chromium against the real binary on a demo home.
@Suite(.serialized) struct BrowserConfigKeysTests {
    @Test func configShowsTheFormTheRawTextAndKeysStayMasked() async throws {
        let site = try await DemoSite.start(sessions: 5)
        defer { site.stop() }

        let form = try await site.render("config", when: "document.querySelector('#config-approvals-mode')")
        #expect(form.contains("Review changes"))
        #expect(form.contains(#"id="config-approvals-mode""#), "approvals.mode is a select of its choices")
        #expect(form.contains(#"<option value="smart">smart</option>"#))
        #expect(form.contains("all defaults"), "sections the file leaves out are marked")

        let raw = try await site.render("config?view=raw", when: "document.querySelector('.gutter-line')")
        #expect(raw.contains("# Human-in-the-loop for risky tool calls."), "the raw view is the text itself, comments included")
        #expect(raw.contains(#"class="gutter-line""#))

        let keys = try await site.render("keys", when: "document.querySelector('.key-row')")
        #expect(keys.contains("OPENROUTER_API_KEY") && keys.contains("••••0000") && !keys.contains("sk-or"))
        #expect(!keys.contains("sk-or-v1-demo000000"), "no secret reaches the page before a reveal")
        #expect(!keys.contains("demo-api-server-key-0123456789abcdef"))
        #expect(keys.contains("Reveal"))
    }
}

/// Editing config.yaml and .env through the UI, as an operator would: type, review the diff, save.
@Suite(.serialized) struct BrowserConfigKeysEditingTests {
    @Test func aFormEditIsReviewedSavedAndKeepsEveryComment() async throws {
        let site = try await DemoSite.start(sessions: 3)
        defer { site.stop() }
        let configURL = site.home.appendingPathComponent("config.yaml")
        let original = try String(contentsOf: configURL, encoding: .utf8)
        let observed = try await site.withBrowser(at: "config") { browser -> [String] in
            try browser.waitUntil("document.querySelector('#config-approvals-mode')")
            try browser.fill("#config-approvals-timeout", "0")
            try browser.waitUntil("document.body.innerText.includes('timeout must be at least 1')")
            let reviewDisabled =
                try browser.evaluate("[...document.querySelectorAll('button')].find((b) => b.textContent.startsWith('Review')).disabled") as? Bool

            try browser.fill("#config-approvals-timeout", "300")
            try browser.fill("#config-approvals-mode", "smart")
            try browser.waitUntil("document.body.innerText.includes('2 unsaved changes')")
            try browser.click(button: "Review changes…")
            try browser.waitUntil(
                "document.querySelector('.review .diff') && document.querySelector('.review .diff').textContent.includes('+  mode: smart')")
            let afterReview = try String(contentsOf: configURL, encoding: .utf8)
            try browser.click(button: "Save to config.yaml", in: ".review")
            try browser.waitUntil("document.querySelector('.alert-good') && document.querySelector('.alert-good').textContent.includes('Saved')")

            try browser.evaluate("document.querySelector('[role=tab]:nth-child(3)').click()")
            try browser.waitUntil("document.querySelector('.history li')")
            let history = try browser.evaluate("document.querySelector('.history').textContent") as? String ?? ""
            return [reviewDisabled == true ? "disabled" : "enabled", afterReview, history]
        }
        #expect(observed[0] == "disabled", "an invalid value blocks the review")
        #expect(observed[1] == original, "reviewing writes nothing")
        #expect(observed[2].contains("+  timeout: 300"), "the history shows the change")
        #expect(
            observed[2].contains("approvals.mode: manual → smart") && observed[2].contains("approvals.timeout: 120 → 300")
                && observed[2].contains("Config"), "the history entry says what changed and where from: \(observed[2])")
        let saved = try String(contentsOf: configURL, encoding: .utf8)
        #expect(
            saved
                == original.replacingOccurrences(of: "  mode: manual      # manual | smart | off", with: "  mode: smart       # manual | smart | off")
                .replacingOccurrences(of: "  timeout: 120\n", with: "  timeout: 300\n"))
    }

    @Test func keysAreRevealedOnPurposeReplacedAndDeletedWithConfirmation() async throws {
        let site = try await DemoSite.start(sessions: 3)
        defer { site.stop() }
        let envURL = site.home.appendingPathComponent(".env")
        let original = try String(contentsOf: envURL, encoding: .utf8)
        let leakedBeforeReveal = try await site.withBrowser(at: "keys") { browser -> Bool in
            let row = { (name: String) in
                "[...document.querySelectorAll('.key-row')].find((r) => r.querySelector('.key-name').textContent === '\(name)')"
            }
            try browser.waitUntil(row("ANTHROPIC_API_KEY"))
            let leaked = try browser.evaluate("document.body.innerText.includes('sk-ant-demo-not-a-real-key')") as? Bool ?? true
            try browser.evaluate("[...\(row("ANTHROPIC_API_KEY")).querySelectorAll('button')].find((b) => b.textContent === 'Reveal').click()")
            try browser.waitUntil(
                "\(row("ANTHROPIC_API_KEY")).innerText.includes('sk-ant-demo-not-a-real-key-0000000000') && \(row("ANTHROPIC_API_KEY")).innerText.includes('hides in')"
            )

            try browser.evaluate("[...\(row("MY_CUSTOM_TOKEN")).querySelectorAll('button')].find((b) => b.textContent === 'Replace').click()")
            try browser.waitUntil("document.querySelector('#value-MY_CUSTOM_TOKEN')")
            try browser.fill("#value-MY_CUSTOM_TOKEN", "new value # with hash")
            try browser.evaluate("\(row("MY_CUSTOM_TOKEN")).querySelector('form button[type=submit]').click()")
            try browser.waitUntil(
                "document.querySelector('.alert-good') && document.querySelector('.alert-good').textContent.includes('MY_CUSTOM_TOKEN replaced')")

            try browser.evaluate("[...\(row("DISCORD_BOT_TOKEN")).querySelectorAll('button')].find((b) => b.textContent === 'Delete').click()")
            try browser.waitUntil("document.querySelector('dialog[open]')")
            try browser.click(button: "Delete", in: "dialog[open]")
            try browser.waitUntil(
                "document.querySelector('.alert-good') && document.querySelector('.alert-good').textContent.includes('DISCORD_BOT_TOKEN deleted')")
            return leaked
        }
        #expect(!leakedBeforeReveal, "no secret is on the page before a reveal")
        let saved = try String(contentsOf: envURL, encoding: .utf8)
        #expect(
            saved
                == original.replacingOccurrences(of: "MY_CUSTOM_TOKEN=x", with: "MY_CUSTOM_TOKEN=\"new value # with hash\"")
                .replacingOccurrences(of: "DISCORD_BOT_TOKEN=demo.discord.token.that.was.revoked\n", with: ""))
        #expect(try FileManager.default.attributesOfItem(atPath: envURL.path)[.posixPermissions] as? Int == 0o600)
    }
}

/// Changes made on disk reach an open page over the event stream.
@Suite(.serialized) struct BrowserLiveUpdateTests {
    @Test func anEditOnDiskIsAnnouncedInTheOpenConfigTabAndKeysReload() async throws {
        let site = try await DemoSite.start(sessions: 3)
        defer { site.stop() }
        let configURL = site.home.appendingPathComponent("config.yaml")
        let envURL = site.home.appendingPathComponent(".env")
        try await site.withBrowser(at: "config") { browser in
            try browser.waitUntil("document.querySelector('.live-live')")
            try browser.waitUntil("document.querySelector('#config-approvals-mode')")
            let text = try String(contentsOf: configURL, encoding: .utf8)
            try text.replacingOccurrences(of: "timeout: 120", with: "timeout: 240").write(to: configURL, atomically: true, encoding: .utf8)
            try browser.waitUntil("document.body.innerText.includes('config.yaml changed on disk')", seconds: 20)
            try browser.click(button: "Reload it")
            try browser.waitUntil("document.querySelector('#config-approvals-timeout').value === '240'")

            try browser.evaluate("history.pushState({}, '', '/keys'); dispatchEvent(new PopStateEvent('popstate'))")
            try browser.waitUntil("document.querySelector('.key-row')")
            try (try String(contentsOf: envURL, encoding: .utf8) + "LIVE_ADDED_KEY=1\n").write(to: envURL, atomically: true, encoding: .utf8)
            try browser.waitUntil("document.body.innerText.includes('LIVE_ADDED_KEY')", seconds: 20)
        }
    }
}
