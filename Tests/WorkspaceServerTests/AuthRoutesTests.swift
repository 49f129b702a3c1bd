import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

@Suite struct AuthRoutesTests {
    private let password = "correct horse battery"

    @Test func theBearerTokenIsReadInAnyCaseWithoutTheSpacesAroundIt() {
        func presented(_ authorization: String) -> String? {
            let head = HTTPRequest(method: .get, scheme: "http", authority: "127.0.0.1", path: "/", headerFields: [.authorization: authorization])
            return Authenticator.presentedToken(Request(head: head, body: .init(buffer: ByteBuffer())))
        }
        #expect(presented("Bearer hwt_abc") == "hwt_abc")
        #expect(presented("bEaReR   hwt_abc \t") == "hwt_abc")
        #expect(presented("Bearer a b") == "a b")
        for refused in ["Bearer", "Bearer ", "Bearer   ", "Bearerhwt_abc", "Bearer\thwt_abc", "Basic YWJj", "Bearex hwt_abc", ""] {
            #expect(presented(refused) == "", "\(refused)")
        }
    }

    @Test func withoutAPasswordTheTokenIsTheOnlyWayIn() async throws {
        try await TestServer.test { server, client in
            try await client.execute(uri: "/api/v1/auth/me", method: .get) { response in
                let body = try JSONBody(response.body)
                #expect(body["loginRequired"]?.bool == false && body["authenticated"]?.bool == false)
            }
            var json = HTTPFields()
            json[.contentType] = "application/json"
            try await client.execute(
                uri: "/api/v1/auth/login", method: .post, headers: json, body: ByteBuffer(string: #"{"user":"admin","password":"x"}"#)
            ) { response in
                #expect(response.status == .conflict)
            }
        }
    }

    @Test func signInCookieCSRFSignOutAndTheTokenStillWorks() async throws {
        try await TestServer.test { server, client in
            try server.services.accounts.create("admin", role: .admin, password: password)
            try await client.execute(uri: "/", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains(#"<meta name="hermes-token" content="">"#), "with a password the token is not put into the page")
            }
            var json = HTTPFields()
            json[.contentType] = "application/json"
            var cookie = ""
            var csrf = ""
            try await client.execute(
                uri: "/api/v1/auth/login", method: .post, headers: json,
                body: ByteBuffer(string: #"{"user":"admin","password":"correct horse battery"}"#)
            ) { response in
                #expect(response.status == .ok)
                let setCookie = response.headers[.setCookie] ?? ""
                #expect(
                    setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/")
                        && !setCookie.contains("Secure"))
                cookie = String(setCookie.split(separator: ";").first ?? "")
                let body = try JSONBody(response.body)
                csrf = body["csrfToken"]?.string ?? ""
                #expect(body["user"]?.string == "admin" && csrf.count == 43)
            }
            var signedIn = HTTPFields()
            signedIn[.cookie] = cookie
            try await client.execute(uri: "/api/v1/status", method: .get, headers: signedIn) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/events/ticket", method: .post, headers: signedIn) { response in
                #expect(response.status == .forbidden, "a change without the CSRF header is refused")
            }
            var withCSRF = signedIn
            withCSRF[.csrfToken] = csrf
            try await client.execute(uri: "/api/v1/events/ticket", method: .post, headers: withCSRF) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: signedIn) { response in
                let body = try JSONBody(response.body)
                #expect(body["loginRequired"]?.bool == true && body["authenticated"]?.bool == true && body["csrfToken"]?.string == csrf)
            }
            try await client.execute(uri: "/api/v1/auth/logout", method: .post, headers: withCSRF) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
            try await client.execute(uri: "/api/v1/status", method: .get, headers: signedIn) { response in
                #expect(response.status == .unauthorized, "the session ended server-side")
            }
            try await client.execute(uri: "/api/v1/status", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok, "scripts keep using the token")
            }
            let logins = try await server.services.audit.page(AuditQuery()).items.filter { $0.action.hasPrefix("auth.") }
            #expect(logins.map(\.action) == ["auth.logout", "auth.login"] && logins.first?.actor == "admin")
        }
    }

    /// Time stands still here: the 1 s back-off after the fourth failure must not run out while a slow machine
    /// checks passwords (each check is 600,000 PBKDF2 rounds).
    @Test func failedSignInsAreThrottledAndSayNothingAboutWhichPartWasWrong() async throws {
        try await TestServer.test(clock: ManualClock()) { server, client in
            try server.services.accounts.create("admin", role: .admin, password: password)
            var json = HTTPFields()
            json[.contentType] = "application/json"
            var messages = Set<String>()
            for (index, attempt) in [
                #"{"user":"admin","password":"wrong password 1"}"#, #"{"user":"root","password":"correct horse battery"}"#,
                #"{"user":"admin","password":"wrong password 2"}"#, #"{"user":"admin","password":"wrong password 3"}"#,
            ].enumerated() {
                try await client.execute(uri: "/api/v1/auth/login", method: .post, headers: json, body: ByteBuffer(string: attempt)) { response in
                    #expect(response.status == .unauthorized, "attempt \(index + 1)")
                    let body = try JSONBody(response.body)
                    messages.insert(body["error"]?["message"]?.string ?? "")
                }
            }
            #expect(messages.count == 1, "the same words for a wrong user and a wrong password")
            try await client.execute(
                uri: "/api/v1/auth/login", method: .post, headers: json,
                body: ByteBuffer(string: #"{"user":"admin","password":"correct horse battery"}"#)
            ) { response in
                #expect(response.status == .tooManyRequests, "even the right password waits its turn")
                #expect(response.headers[.retryAfter] != nil)
            }
            let refused = try await server.services.audit.page(AuditQuery()).items.filter { $0.action == "auth.login" }.map(\.outcome)
            #expect(refused.first == .throttled && refused.filter { $0 == .refused }.count == 4)
        }
    }

    /// 60 wrong passwords at once: the throttle reserves a check atomically, so only a handful are ever checked
    /// (each costs 600,000 PBKDF2 rounds); the rest are 429 at once. (Each refusal is audited, a database write, so
    /// the burst is kept to what proves the point without loading the machine the other tests share.)
    @Test func concurrentGuessesAreNotAllChecked() async throws {
        try await TestServer.test { server, client in
            try server.services.accounts.create("admin", role: .admin, password: password)
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for index in 0..<60 {
                    group.addTask {
                        try await client.execute(
                            uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                            body: ByteBuffer(string: #"{"user":"admin","password":"guess number \#(index)"}"#)
                        ) { UInt($0.status.code) }
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            let checked = statuses.filter { $0 == 401 }.count
            print("concurrent sign-in guesses: \(checked) of \(statuses.count) were checked")
            #expect(statuses.count == 60 && statuses.allSatisfy { $0 == 401 || $0 == 429 })
            #expect(checked >= 1 && checked <= 5, "\(checked) of 60 concurrent guesses were checked")
        }
    }

    /// A page on another port of this host can set a same-named cookie (no __Host- over plain HTTP); it must not
    /// lock the operator out: every cookie of that name is tried.
    @Test func aTossedCookieDoesNotLockTheOperatorOut() async throws {
        try await TestServer.test { server, client in
            let (secret, _) = try server.services.loginSessions.create(user: "operator", role: .admin, client: nil)
            for cookie in ["hermes_session=junk; hermes_session=\(secret)", "hermes_session=\(secret); hermes_session=junk"] {
                try await client.execute(uri: "/api/v1/status", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok, "\(cookie.prefix(24))")
                }
            }
            try await client.execute(uri: "/api/v1/status", method: .get, headers: [.cookie: "hermes_session=junk"]) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
