import Foundation
import Testing

/// The Config and API Keys tabs in headless Chromium against the real binary on a demo home.
@Suite(.serialized) struct BrowserConfigKeysTests {
    @Test func configShowsTheFormTheRawTextAndKeysStayMasked() async throws {
        let site = try await DemoSite.start(sessions: 5)
        defer { site.stop() }

        let form = try site.render("config")
        #expect(form.contains("Review changes"))
        #expect(form.contains(#"id="config-approvals-mode""#), "approvals.mode is a select of its choices")
        #expect(form.contains(#"<option value="smart">smart</option>"#))
        #expect(form.contains("all defaults"), "sections the file leaves out are marked")

        let raw = try site.render("config?view=raw")
        #expect(raw.contains("# Human-in-the-loop for risky tool calls."), "the raw view is the text itself, comments included")
        #expect(raw.contains(#"class="gutter-line""#))

        let keys = try site.render("keys")
        #expect(keys.contains("OPENROUTER_API_KEY") && keys.contains("sk-o…0000"))
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
        let browser = try site.browser(at: "config")
        defer { browser.close() }

        try browser.waitUntil("document.querySelector('#config-approvals-mode')")
        try browser.fill("#config-approvals-timeout", "0")
        try browser.waitUntil("document.body.innerText.includes('timeout must be at least 1')")
        #expect(try browser.evaluate("[...document.querySelectorAll('button')].find((b) => b.textContent.startsWith('Review')).disabled") as? Bool == true)

        try browser.fill("#config-approvals-timeout", "300")
        try browser.fill("#config-approvals-mode", "smart")
        try browser.waitUntil("document.body.innerText.includes('2 unsaved changes')")
        try browser.click(button: "Review changes…")
        try browser.waitUntil("document.querySelector('.review .diff') && document.querySelector('.review .diff').textContent.includes('+  mode: smart')")
        #expect(try String(contentsOf: configURL, encoding: .utf8) == original, "reviewing writes nothing")
        try browser.click(button: "Save to config.yaml", in: ".review")
        try browser.waitUntil("document.querySelector('.alert-good') && document.querySelector('.alert-good').textContent.includes('Saved')")

        let saved = try String(contentsOf: configURL, encoding: .utf8)
        #expect(saved == original.replacingOccurrences(of: "  mode: manual      # manual | smart | off", with: "  mode: smart       # manual | smart | off")
            .replacingOccurrences(of: "  timeout: 120\n", with: "  timeout: 300\n"))

        try browser.evaluate("document.querySelector('[role=tab]:nth-child(3)').click()")
        try browser.waitUntil("document.querySelector('.history li')")
        #expect(try browser.evaluate("document.querySelector('.history').textContent.includes('+  timeout: 300')") as? Bool == true)
    }

    @Test func keysAreRevealedOnPurposeReplacedAndDeletedWithConfirmation() async throws {
        let site = try await DemoSite.start(sessions: 3)
        defer { site.stop() }
        let envURL = site.home.appendingPathComponent(".env")
        let original = try String(contentsOf: envURL, encoding: .utf8)
        let browser = try site.browser(at: "keys")
        defer { browser.close() }

        let row = "[...document.querySelectorAll('.key-row')].find((r) => r.querySelector('.key-name').textContent === 'ANTHROPIC_API_KEY')"
        try browser.waitUntil(row)
        #expect(try browser.evaluate("document.body.innerText.includes('sk-ant-demo-not-a-real-key')") as? Bool == false)
        try browser.evaluate("[...\(row).querySelectorAll('button')].find((b) => b.textContent === 'Reveal').click()")
        try browser.waitUntil("\(row).innerText.includes('sk-ant-demo-not-a-real-key-0000000000') && \(row).innerText.includes('hides in')")

        let custom = "[...document.querySelectorAll('.key-row')].find((r) => r.querySelector('.key-name').textContent === 'MY_CUSTOM_TOKEN')"
        try browser.evaluate("[...\(custom).querySelectorAll('button')].find((b) => b.textContent === 'Replace').click()")
        try browser.waitUntil("document.querySelector('#value-MY_CUSTOM_TOKEN')")
        try browser.fill("#value-MY_CUSTOM_TOKEN", "new value # with hash")
        try browser.evaluate("\(custom).querySelector('form button[type=submit]').click()")
        try browser.waitUntil("document.querySelector('.alert-good') && document.querySelector('.alert-good').textContent.includes('MY_CUSTOM_TOKEN replaced')")

        let discord = "[...document.querySelectorAll('.key-row')].find((r) => r.querySelector('.key-name').textContent === 'DISCORD_BOT_TOKEN')"
        try browser.evaluate("[...\(discord).querySelectorAll('button')].find((b) => b.textContent === 'Delete').click()")
        try browser.waitUntil("document.querySelector('dialog[open]')")
        try browser.click(button: "Delete", in: "dialog[open]")
        try browser.waitUntil("document.querySelector('.alert-good') && document.querySelector('.alert-good').textContent.includes('DISCORD_BOT_TOKEN deleted')")

        let saved = try String(contentsOf: envURL, encoding: .utf8)
        #expect(saved == original.replacingOccurrences(of: "MY_CUSTOM_TOKEN=x", with: "MY_CUSTOM_TOKEN=\"new value # with hash\"")
            .replacingOccurrences(of: "DISCORD_BOT_TOKEN=demo.discord.token.that.was.revoked\n", with: ""))
        #expect(try FileManager.default.attributesOfItem(atPath: envURL.path)[.posixPermissions] as? Int == 0o600)
    }
}
