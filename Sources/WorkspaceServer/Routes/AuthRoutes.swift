import Foundation
import Hummingbird
import WorkspaceCore

/// Signing in. Two ways start a server-side session held in an `HttpOnly`, `SameSite=Strict` cookie (`__Host-`
/// prefixed and `Secure` over TLS, behind a trusted proxy that saw HTTPS, or with an `https` public URL):
/// - login mode (a password set with `hermes-workspace passwd`): `POST /auth/login` with name and password, throttled
///   per address and per account with an atomic reservation (one password check at a time for each), audited, and
///   never saying which of name or password was wrong;
/// - without a password: `GET /auth/link?code=…`, the one-time sign-in link `serve` prints (and
///   `hermes-workspace signin-link` makes), which redirects to the page without the code.
///
/// `/auth/logout` ends the session; `/auth/me` says who is signed in, with which role, and how signing in works.
struct AuthRoutes {
    let password: OperatorPassword
    let sessions: LoginSessions
    let credentials: CredentialStore
    let throttle: LoginThrottle
    let audit: AuditLog
    let authenticator: Authenticator
    let basePath: String

    struct LoginRequest: Decodable {
        var user: String
        var password: String
    }

    struct Me: ResponseEncodable {
        var loginRequired: Bool
        var authenticated: Bool
        var user: String?
        var role: Role?
        var csrfToken: String?
        var expiresAt: Date?
        /// How a browser signs in here: `password` (login mode) or `link` (the one-time link `serve` prints).
        var signIn: String
    }

    func addRoutes(to group: SecuredRoutes) {
        group.post("auth/login", .public) { request, context -> Response in
            let body = try await request.decode(as: LoginRequest.self, context: context)
            guard password.isSet else {
                throw APIError(.conflict, code: "login_off", message: "No password is set; open the sign-in link 'hermes-workspace serve' printed (or run 'hermes-workspace signin-link').")
            }
            guard body.user.count <= 64, body.password.count <= 1_024 else { throw APIError(.badRequest, code: "invalid_input", message: "The user or password is too long.") }
            let address = context.clientAddress ?? "unknown"
            do {
                try throttle.begin(address: address, user: body.user)
            } catch {
                try? await audit.record(AuditEvent(action: "auth.login", target: body.user, outcome: .throttled, actor: context.auditActor))
                throw error
            }
            let matches: Bool
            do {
                matches = try await offloaded { [password] in try password.verify(user: body.user, password: body.password) }
            } catch {
                throttle.abandoned(address: address, user: body.user)
                throw error
            }
            guard matches else {
                throttle.failed(address: address, user: body.user)
                try? await audit.record(AuditEvent(action: "auth.login", target: body.user, outcome: .refused, actor: context.auditActor))
                throw APIError(.unauthorized, code: "invalid_credentials", message: "The user name or password is not right.")
            }
            throttle.succeeded(address: address, user: body.user)
            let (secret, session) = try sessions.create(user: body.user, role: .admin, client: context.clientAddress)
            try? await audit.record(AuditEvent(action: "auth.login", target: body.user, actor: context.auditActor))
            var response = try Response.json(me(session))
            response.headers[.setCookie] = cookie(secret, maxAge: Int(sessions.lifetime), context: context)
            response.headers[.cacheControl] = "no-store"
            return response
        }
        group.get("auth/link", .public) { request, context -> Response in
            guard !password.isSet else {
                throw APIError(.conflict, code: "login_on", message: "A password is set; sign in with it instead of a link.")
            }
            let code = try QueryValues(request).string("code", maximumLength: 64) ?? ""
            guard try credentials.redeemSigninCode(code) else {
                try? await audit.record(AuditEvent(action: "auth.link", target: "link", outcome: .refused, actor: context.auditActor))
                throw APIError(.unauthorized, code: "invalid_link", message: "This sign-in link is unknown, used or expired; run 'hermes-workspace signin-link' for a new one.")
            }
            let (secret, session) = try sessions.create(user: "operator", role: .admin, client: context.clientAddress)
            try? await audit.record(AuditEvent(action: "auth.link", target: session.user, actor: context.auditActor))
            let next = try QueryValues(request).string("next", maximumLength: 512).flatMap(Self.localPath) ?? "/"
            var response = Response(status: .seeOther)
            response.headers[.location] = basePath + next
            response.headers[.setCookie] = cookie(secret, maxAge: Int(sessions.lifetime), context: context)
            response.headers[.cacheControl] = "no-store"
            return response
        }
        // Signing out needs the session (or a token) it ends: a stranger cannot sign anyone out.
        group.post("auth/logout", .read) { request, context -> Response in
            let current = try authenticator.session(of: request, context: context)
            if let current { try sessions.end(current.secret) }
            try? await audit.record(AuditEvent(action: "auth.logout", target: current?.session.user ?? context.auditActor.name, actor: context.auditActor))
            var response = Response(status: .noContent)
            response.headers[.setCookie] = cookie("", maxAge: 0, context: context)
            return response
        }
        group.get("auth/me", .public) { request, context -> Me in
            let session = try authenticator.session(of: request, context: context)?.session
            return session.map(me) ?? Me(loginRequired: password.isSet, authenticated: false, signIn: password.isSet ? "password" : "link")
        }
    }

    private func me(_ session: LoginSessions.Session) -> Me {
        Me(loginRequired: password.isSet, authenticated: true, user: session.user, role: session.role, csrfToken: session.csrf,
           expiresAt: session.expiresAt, signIn: password.isSet ? "password" : "link")
    }

    /// `next` when it is a path of this page (`/sessions/abc`), never another site (`//evil`, `https:`).
    static func localPath(_ next: String) -> String? {
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains(":"),
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else { return nil }
        return next
    }

    private func cookie(_ value: String, maxAge: Int, context: WorkspaceRequestContext) -> String {
        let secure = authenticator.secureCookies(context)
        // A __Host- cookie must be Secure with Path=/; without TLS the cookie is scoped to the base path.
        let path = secure || basePath.isEmpty ? "/" : basePath
        return "\(Authenticator.cookieName(secure: secure))=\(value); Path=\(path); Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}
