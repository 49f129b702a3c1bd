import Foundation
import HummingbirdOTP
import TestSupport
import Testing

/// Several people in headless Chromium against the real binary: an admin adds an operator and requires a second
/// factor for operators; the operator signs in, is held to setting it up (the QR code and the secret on the page),
/// signs in again with a code computed here from that secret, approves a waiting request, and finds no Reveal
/// button and no raw config — which the API refuses too; the audit trail names the operator.
@Suite(.serialized) struct BrowserUsersTests {
    @Test func anAdminAddsAnOperatorWithASecondFactorWhoApprovesButCannotReveal() async throws {
        let site = try await DemoSite.start(sessions: 1)
        defer { site.stop() }
        try await setOperatorPassword("root password 123", user: "root", home: site.home)
        let agent = try await site.scopedToken()

        // The admin, in one browser: adds the operator and requires a second factor for operators.
        let added = try await site.withBrowser(at: "users", signedIn: false) { browser -> String in
            try browser.signIn(user: "root", password: "root password 123")
            // The Users tab is an admin's: it appears once the page knows who signed in.
            try browser.waitUntil("document.querySelector('a[href$=\"/users\"]')")
            try browser.evaluate("document.querySelector('a[href$=\"/users\"]').click()")
            try browser.waitUntil("document.querySelector('#new-user-name')")
            try browser.fill("#new-user-name", "ops")
            try browser.fill("#new-user-role", "operator")
            try browser.fill("#new-user-password", "ops password 123")
            try browser.click(button: "Add", in: ".new-user")
            try browser.waitUntil("document.querySelector('[data-user=ops]')")
            try browser.evaluate("document.querySelector('input[aria-label=\"Require a second factor for operators\"]').click()")
            try browser.waitUntil("document.querySelector('input[aria-label=\"Require a second factor for operators\"]').checked")
            return try browser.evaluate("document.querySelector('[data-user=ops]').innerText") as? String ?? ""
        }
        #expect(added.contains("ops") && added.contains("no second factor"), "\(added)")

        // The operator, in another: held to enrolling first, then signs in with a code from the same secret.
        let seen = try await site.withBrowser(at: "approvals", signedIn: false) { browser -> [String: String] in
            var seen: [String: String] = [:]
            try browser.signIn(user: "ops", password: "ops password 123")
            try browser.waitUntil("document.querySelector('.second-factor')")
            seen["held"] = try browser.evaluate("document.querySelector('.second-factor').innerText") as? String ?? ""
            try browser.click(button: "Set up", in: ".second-factor")
            try browser.waitUntil("document.querySelector('[data-testid=totp-secret]') && document.querySelector('svg.qr-code path')")
            let shown = (try browser.evaluate("document.querySelector('[data-testid=totp-secret]').textContent") as? String ?? "")
                .replacingOccurrences(of: " ", with: "")
            let secret = try #require(Base32.decodedText(shown))
            let totp = TOTP(secret: secret, length: 6, timeStep: 30)
            let now = Date()
            try browser.fill("#totp-code", String(format: "%06d", totp.compute(date: now)))
            try browser.click(button: "Turn on", in: ".second-factor")
            try browser.waitUntil("document.querySelector('[data-testid=recovery-codes]')")
            seen["codes"] = try browser.evaluate("String(document.querySelectorAll('.recovery-codes li').length)") as? String
            try browser.waitUntil("[...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Continue to the workspace')")
            try browser.click(button: "Continue to the workspace")
            try browser.waitUntil("document.querySelector('a[href$=\"/approvals\"]')")
            try browser.click(button: "Sign out")
            try browser.waitUntil("document.querySelector('#signin-password')")
            try browser.fill("#signin-user", "ops")
            try browser.fill("#signin-password", "ops password 123")
            try browser.click(button: "Sign in")
            try browser.waitUntil("document.querySelector('#signin-code')")
            // The code of the next 30 s step: the one used to enroll is spent, and one step of drift is allowed.
            try browser.fill("#signin-code", String(format: "%06d", totp.compute(date: Date().addingTimeInterval(30))))
            try browser.click(button: "Verify")
            try browser.waitUntil("!document.querySelector('#signin-password') && document.querySelector('a[href$=\"/approvals\"]')")
            try browser.evaluate("document.querySelector('a[href$=\"/approvals\"]').click()")
            try browser.waitUntil("document.body.innerText.includes('Nothing is waiting')")

            try browser.evaluate(Self.submit("rm -rf build/", token: agent))
            try browser.waitUntil("document.querySelector('li.approval')")
            try browser.click(button: "Approve once", in: "li.approval")
            try browser.waitUntil("document.querySelector('tr[data-approval]')")
            seen["history"] = try browser.evaluate("document.querySelector('tr[data-approval]').innerText") as? String ?? ""

            try browser.evaluate("document.querySelector('a[href$=\"/keys\"]').click()")
            try browser.waitUntil("document.querySelectorAll('.key-row, [data-key]').length > 0")
            seen["reveal"] =
                try browser.evaluate("String([...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Reveal'))") as? String
            try browser.evaluate("document.querySelector('a[href$=\"/config\"]').click()")
            try browser.waitUntil("document.querySelector('.config [role=tablist]')")
            seen["raw"] =
                try browser.evaluate("String([...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Raw YAML'))") as? String
            seen["users"] = try browser.evaluate("String(!!document.querySelector('a[href$=\"/users\"]'))") as? String
            // Cron: an operator runs and pauses jobs; creating, editing and deleting them is an admin's.
            try browser.evaluate("document.querySelector('a[href$=\"/cron\"]').click()")
            try browser.waitUntil("document.querySelector('.cron-card')")
            seen["cron"] =
                try browser.evaluate(
                    "['Run now', 'Edit', 'Delete', 'New job'].map((label) => label + '=' + [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === label)).join(',')"
                ) as? String
            try browser.evaluate(
                """
                (() => { window.__statuses = 'pending';
                  const csrf = sessionStorage.getItem('hermes-workspace-csrf') || '';
                  Promise.all([
                    fetch('/api/v1/keys/OPENROUTER_API_KEY/reveal', { method: 'POST', headers: { 'X-CSRF-Token': csrf } }).then((r) => r.status),
                    fetch('/api/v1/config/raw').then((r) => r.status),
                  ]).then((codes) => { window.__statuses = codes.join(','); });
                  return true; })()
                """)
            try browser.waitUntil("window.__statuses !== 'pending'")
            seen["api"] = try browser.evaluate("window.__statuses") as? String
            return seen
        }
        #expect(seen["held"]?.contains("must use a second factor") == true, "\(seen["held"] ?? "")")
        #expect(seen["codes"] == "10")
        #expect(seen["history"]?.contains("approved") == true && seen["history"]?.contains("ops") == true, "\(seen["history"] ?? "")")
        #expect(seen["reveal"] == "false" && seen["raw"] == "false" && seen["users"] == "false", "\(seen)")
        #expect(seen["api"] == "403,403", "\(seen["api"] ?? "")")
        #expect(seen["cron"] == "Run now=true,Edit=false,Delete=false,New job=false", "\(seen["cron"] ?? "")")

        // The admin finds the operator's decision in the Audit tab, filtered by person.
        let audited = try await site.withBrowser(at: "audit", signedIn: false) { browser -> String in
            try browser.signIn(user: "root", password: "root password 123")
            try browser.waitUntil("document.querySelector('a[href$=\"/audit\"]')")
            try browser.evaluate("document.querySelector('a[href$=\"/audit\"]').click()")
            try browser.waitUntil("document.querySelector('#audit-actor')")
            try browser.fill("#audit-actor", "ops")
            try browser.click(button: "Filter", in: ".audit")
            try browser.waitUntil(
                "document.querySelector('[data-audit=\"approvals.approve\"]') && [...document.querySelectorAll('.audit-who strong')].every((e) => e.textContent === 'ops')"
            )
            let who = try browser.evaluate("[...document.querySelectorAll('.audit-who strong')].map((e) => e.textContent).join(',')") as? String ?? ""
            return who + "|" + (try browser.evaluate("document.querySelector('.audit-list').innerText") as? String ?? "")
        }
        let people = Set((audited.split(separator: "|").first ?? "").split(separator: ","))
        #expect(people == ["ops"] && audited.contains("approvals.approve") && audited.contains("operator"), "\(audited)")

        let admin = try await site.scopedToken(role: "admin")
        let audit = try await RawExchange(port: site.port, token: admin).send("GET", "/api/v1/audit?limit=50")
        let entries = (audit.object?["items"] as? [[String: Any]]) ?? []
        #expect(entries.contains { $0["action"] as? String == "approvals.approve" && $0["actor"] as? String == "ops" }, "\(entries.prefix(5))")
        #expect(entries.contains { $0["action"] as? String == "users.create" && $0["actor"] as? String == "root" })
    }

    private static func submit(_ command: String, token agentToken: String) -> String {
        """
        (() => { const token = \(DevToolsBrowser.literal(agentToken));
          fetch('/api/v1/approvals', { method: 'POST', headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
            body: JSON.stringify({ tool: 'terminal', action: \(DevToolsBrowser.literal(command)), sessionId: 'demo-session', platform: 'telegram',
                                   reason: 'clean the build folder', risks: ['recursive delete'] }) });
          return true; })()
        """
    }
}
