import Foundation
import Testing

/// Login mode in headless Chromium: `passwd` set on the demo home, the page carries no token, the operator signs in,
/// the tabs work with the session cookie (and its CSRF header for changes), a reload stays signed in, sign-out ends it.
@Suite(.serialized) struct BrowserLoginTests {
    @Test func signInUseTheWorkspaceAndSignOut() async throws {
        let site = try await DemoSite.start(sessions: 2)
        defer { site.stop() }
        try await setOperatorPassword("a long enough password", user: "operator", home: site.home)
        let observed = try await site.withBrowser(at: "status") { browser -> [String] in
            try browser.waitUntil("document.querySelector('#signin-password')")
            let tokenInPage =
                try browser.evaluate("(document.querySelector('meta[name=\"hermes-token\"]') || { content: '' }).content") as? String ?? "?"
            try browser.fill("#signin-user", "operator")
            try browser.fill("#signin-password", "wrong password here")
            try browser.click(button: "Sign in")
            try browser.waitUntil("document.querySelector('[role=alert]')")
            let refusal = try browser.evaluate("document.querySelector('[role=alert]').textContent") as? String ?? ""
            try browser.fill("#signin-password", "a long enough password")
            try browser.click(button: "Sign in")
            try browser.waitUntil("document.body.innerText.includes('Gateway') && !document.querySelector('#signin-password')")
            try browser.evaluate("window.location.href = '/cron'")
            try browser.waitUntil("document.querySelector('.cron-card')")
            try browser.evaluate("document.querySelector('.cron-card .cron-card-actions button:nth-child(2)').click()")
            try browser.waitUntil("document.querySelector('.alert-good') || document.querySelector('.alert-bad')")
            let change =
                try browser.evaluate("(document.querySelector('.alert-good') || document.querySelector('.alert-bad')).textContent") as? String ?? ""
            try browser.click(button: "Sign out")
            try browser.waitUntil("document.querySelector('#signin-password')")
            return [tokenInPage, refusal, change]
        }
        #expect(observed[0] == "", "with a password the token is not in the page")
        #expect(observed[1].contains("not right"))
        #expect(
            observed[2].contains("paused") || observed[2].contains("resumed"), "a change works with the session and its CSRF header: \(observed[2])")
    }
}
