import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import HummingbirdTesting
import TestSupport
import Testing
import WorkspaceCore

@testable import WorkspaceServer

/// Several people with their own accounts: roles enforced, a second factor used at sign-in, sign-ins listed and
/// ended, and every change under the person's own name in the audit trail.
@Suite struct UserRoutesTests {
    /// A signed-in browser: its cookie and CSRF token.
    struct Browser {
        var headers: HTTPFields
    }

    static func signIn(
        _ client: some TestClientProtocol, _ user: String, _ password: String, code: String? = nil
    ) async throws -> (
        status: HTTPResponse.Status, code: String?, browser: Browser, body: JSONBody?
    ) {
        var json = HTTPFields()
        json[.contentType] = "application/json"
        let payload = try JSONSerialization.data(withJSONObject: ["user": user, "password": password, "code": code as Any].compactMapValues { $0 })
        return try await client.execute(uri: "/api/v1/auth/login", method: .post, headers: json, body: ByteBuffer(data: payload)) { response in
            var headers = HTTPFields()
            headers[.cookie] = String((response.headers[.setCookie] ?? "").split(separator: ";").first ?? "")
            headers[.contentType] = "application/json"
            let body = try? JSONBody(response.body)
            headers[.csrfToken] = body?["csrfToken"]?.string ?? ""
            return (response.status, errorCode(response.body), Browser(headers: headers), body)
        }
    }

    static func send(
        _ client: some TestClientProtocol, _ browser: Browser, _ method: HTTPRequest.Method, _ uri: String, _ body: [String: Any]? = nil
    ) async throws -> (status: HTTPResponse.Status, body: JSONBody?, code: String?) {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        return try await client.execute(uri: uri, method: method, headers: browser.headers, body: data.map { ByteBuffer(data: $0) }) { response in
            (response.status, try? JSONBody(response.body), errorCode(response.body))
        }
    }

    @Test func adminsManageAccountsOperatorsUseASecondFactorAndTheAuditNamesThem() async throws {
        try await TestServer.test { server, client in
            try server.services.accounts.create("root", role: .admin, password: "root password 123")
            let root = try await Self.signIn(client, "root", "root password 123")
            #expect(root.status == .ok)
            let admin = root.browser

            #expect(
                try await Self.send(client, admin, .post, "/api/v1/users", ["name": "ops", "role": "superuser", "password": "ops password 123"])
                    .status == .badRequest)
            #expect(
                try await Self.send(client, admin, .post, "/api/v1/users", ["name": "ops", "role": "operator", "password": "ops password 123"]).status
                    == .created)
            #expect(
                try await Self.send(client, admin, .post, "/api/v1/users", ["name": "OPS", "role": "viewer", "password": "ops password 123"]).status
                    == .conflict)
            #expect(try await Self.send(client, admin, .patch, "/api/v1/users/root", ["role": "viewer"]).status == .conflict, "the last admin stays")
            #expect(try await Self.send(client, admin, .delete, "/api/v1/users/root").status == .conflict)

            // The operator signs in, cannot do an admin's things, and enrolls a second factor.
            var ops = try await Self.signIn(client, "ops", "ops password 123")
            #expect(ops.status == .ok && ops.body?["role"]?.string == "operator")
            let reveal = try await Self.send(client, ops.browser, .post, "/api/v1/keys/OPENROUTER_API_KEY/reveal")
            #expect(reveal.status == .forbidden && reveal.body?["error"]?["details"]?["role"]?.string == "operator")
            #expect(try await Self.send(client, ops.browser, .get, "/api/v1/config/raw").status == .forbidden)
            #expect(try await Self.send(client, ops.browser, .get, "/api/v1/users").status == .forbidden)
            let enrollment = try await Self.send(client, ops.browser, .post, "/api/v1/auth/second-factor")
            let secret = try #require(Base32.decodedText(enrollment.body?["secret"]?.string ?? ""))
            let code = String(format: "%06d", TOTP(secret: secret, length: 6, timeStep: 30).compute(date: Date()))
            let confirmed = try await Self.send(client, ops.browser, .post, "/api/v1/auth/second-factor/confirm", ["code": code])
            let recovery = confirmed.body?["recoveryCodes"]?.array.compactMap(\.string) ?? []
            #expect(confirmed.status == .ok && recovery.count == 10)

            // Now the password alone is not enough; a used code is refused; a recovery code works once.
            #expect(try await Self.signIn(client, "ops", "ops password 123").code == "second_factor_required")
            #expect(try await Self.signIn(client, "ops", "ops password 123", code: code).code == "invalid_second_factor", "a code is used once")
            ops = try await Self.signIn(client, "ops", "ops password 123", code: recovery[0])
            #expect(ops.status == .ok)
            #expect(try await Self.signIn(client, "ops", "ops password 123", code: recovery[0]).code == "invalid_second_factor")

            // Sign-ins are listed; the admin sees everyone's; disabling ends the operator's at once.
            let mine = try await Self.send(client, ops.browser, .get, "/api/v1/auth/sessions")
            #expect((mine.body?["items"]?.count ?? 0) >= 2 && mine.body?["items"]?.array.contains { $0["current"]?.bool == true } == true)
            let everyone = try await Self.send(client, admin, .get, "/api/v1/users/sessions")
            #expect(Set(everyone.body?["items"]?.array.compactMap { $0["user"]?.string } ?? []) == ["root", "ops"])
            #expect(try await Self.send(client, admin, .patch, "/api/v1/users/ops", ["disabled": true]).status == .ok)
            #expect(try await Self.send(client, ops.browser, .get, "/api/v1/status").status == .unauthorized)
            #expect(try await Self.signIn(client, "ops", "ops password 123", code: recovery[1]).code == "invalid_credentials")

            // A role that must use a second factor signs in only to enroll it.
            #expect(try await Self.send(client, admin, .put, "/api/v1/users/policy", ["requireSecondFactor": ["viewer"]]).status == .ok)
            #expect(
                try await Self.send(client, admin, .post, "/api/v1/users", ["name": "vi", "role": "viewer", "password": "viewer password 1"]).status
                    == .created)
            let viewer = try await Self.signIn(client, "vi", "viewer password 1")
            #expect(viewer.status == .ok && viewer.body?["enrollOnly"]?.bool == true)
            #expect(try await Self.send(client, viewer.browser, .get, "/api/v1/status").code == "second_factor_enrollment_required")
            #expect(try await Self.send(client, viewer.browser, .get, "/api/v1/auth/account").body?["secondFactorRequired"]?.bool == true)

            // Changing one's password ends one's other sign-ins, not this one.
            let second = try await Self.signIn(client, "root", "root password 123")
            #expect(
                try await Self.send(client, admin, .post, "/api/v1/auth/password", ["current": "wrong one", "new": "root password 456"]).status
                    == .forbidden)
            #expect(
                try await Self.send(client, admin, .post, "/api/v1/auth/password", ["current": "root password 123", "new": "root password 456"])
                    .status == .noContent)
            #expect(try await Self.send(client, second.browser, .get, "/api/v1/status").status == .unauthorized)
            #expect(try await Self.send(client, admin, .get, "/api/v1/status").status == .ok)

            let entries = try await server.services.audit.page(AuditQuery()).items
            #expect(entries.contains { $0.action == "users.create" && $0.actor == "root" && $0.target == "ops" })
            #expect(entries.contains { $0.action == "account.second_factor" && $0.actor == "ops" })
            #expect(entries.contains { $0.action == "users.update" && $0.target == "ops" && $0.summary.contains("disabled") })
            #expect(entries.contains { $0.action == "auth.login" && $0.actor == "ops" && $0.outcome == .ok })
        }
    }

    /// A session stands for its account as it is now: a sign-in link's session ends once login mode begins, a role
    /// change applies to an open sign-in at the next request, and removing the account ends it.
    @Test func aSessionFollowsItsAccount() async throws {
        try await TestServer.test { server, client in
            let (linkSecret, _) = try server.services.loginSessions.create(user: "sign-in link", role: .admin, client: nil)
            let link = Browser(headers: [.cookie: "hermes_session=\(linkSecret)"])
            #expect(try await Self.send(client, link, .get, "/api/v1/status").status == .ok, "no accounts yet: the link's session works")
            try server.services.accounts.create("root", role: .admin, password: "root password 123")
            #expect(try await Self.send(client, link, .get, "/api/v1/status").status == .unauthorized, "login mode began: it ended")

            try server.services.accounts.create("dana", role: .operator, password: "dana password 123")
            let dana = try await Self.signIn(client, "dana", "dana password 123").browser
            #expect(try await Self.send(client, dana, .get, "/api/v1/auth/me").body?["role"]?.string == "operator")
            try server.services.accounts.setRole("dana", .viewer)
            #expect(try await Self.send(client, dana, .get, "/api/v1/auth/me").body?["role"]?.string == "viewer")
            #expect(try await Self.send(client, dana, .post, "/api/v1/cron/jobs/x/pause").status == .forbidden, "the new role, at once")
            try server.services.accounts.remove("dana")
            #expect(try await Self.send(client, dana, .get, "/api/v1/status").status == .unauthorized)
        }
    }

    /// Repeated wrong passwords hold the account back, and admins are told on the event stream.
    @Test func aLockoutIsAnnouncedToAdmins() async throws {
        // A clock that does not move: the back-off cannot run out between the attempts however slow the machine is.
        try await TestServer.test(clock: ManualClock()) { server, client in
            try server.services.accounts.create("root", role: .admin, password: "root password 123")
            for _ in 0..<4 { _ = try await Self.signIn(client, "root", "not the password") }
            let events = try server.services.events.subscribe(after: 0).replay.filter { $0.kind == .authLockout }
            let data = events.last?.data.rendered(.compact) ?? ""
            #expect(events.count == 1 && data.contains("\"user\":\"root\"") && data.contains("retryAfterSeconds"), "\(data)")
            #expect(try await Self.signIn(client, "root", "root password 123").status == .tooManyRequests, "held back even with the right one")
        }
    }
}
