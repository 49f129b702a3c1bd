import Foundation
import Hummingbird
import WorkspaceCore

/// Login mode (a password set with `hermes-workspace passwd`): `/auth/login` starts a server-side session held in an
/// `HttpOnly`, `SameSite=Strict` cookie (`Secure` over TLS, behind a trusted proxy that saw HTTPS, or with an `https`
/// public URL) and answers with the CSRF token, `/auth/logout` ends it,
/// `/auth/me` says who is signed in and whether signing in is needed. Failures are throttled per address and per
/// account, audited, and never say which of name or password was wrong.
struct AuthRoutes {
    let password: OperatorPassword
    let sessions: LoginSessions
    let throttle: LoginThrottle
    let audit: AuditLog
    let cookiePath: String
    let secureCookies: Bool

    struct LoginRequest: Decodable {
        var user: String
        var password: String
    }

    struct Me: ResponseEncodable {
        var loginRequired: Bool
        var authenticated: Bool
        var user: String?
        var csrfToken: String?
        var expiresAt: Date?
    }

    func addRoutes(to group: RouterGroup<WorkspaceRequestContext>) {
        group.post("auth/login") { request, context -> Response in
            let body = try await request.decode(as: LoginRequest.self, context: context)
            guard password.isSet else { throw APIError(.conflict, code: "login_off", message: "No password is set; use the API token (hermes-workspace passwd turns login on).") }
            guard body.user.count <= 64, body.password.count <= 1_024 else { throw APIError(.badRequest, code: "invalid_input", message: "The user or password is too long.") }
            let address = context.clientAddress ?? "unknown"
            do {
                try throttle.check(address: address, user: body.user)
            } catch {
                try? await audit.record(AuditEvent(action: "auth.login", target: body.user, outcome: .throttled, actor: context.auditActor))
                throw error
            }
            let matches = try await offloaded { [password] in try password.verify(user: body.user, password: body.password) }
            guard matches else {
                throttle.failed(address: address, user: body.user)
                try? await audit.record(AuditEvent(action: "auth.login", target: body.user, outcome: .refused, actor: context.auditActor))
                throw APIError(.unauthorized, code: "invalid_credentials", message: "The user name or password is not right.")
            }
            throttle.succeeded(address: address, user: body.user)
            let (secret, session) = try sessions.create(user: body.user, client: context.clientAddress)
            try? await audit.record(AuditEvent(action: "auth.login", target: body.user, actor: context.auditActor))
            var response = try Response.json(Me(loginRequired: true, authenticated: true, user: session.user, csrfToken: session.csrf, expiresAt: session.expiresAt))
            response.headers[.setCookie] = cookie(secret, maxAge: Int(sessions.lifetime), secure: secureCookies || context.forwardedProto == "https")
            response.headers[.cacheControl] = "no-store"
            return response
        }
        group.post("auth/logout") { request, context -> Response in
            if let secret = TokenAuthMiddleware.sessionCookie(request) { try sessions.end(secret) }
            try? await audit.record(AuditEvent(action: "auth.logout", target: context.user ?? "token", actor: context.auditActor))
            var response = Response(status: .noContent)
            response.headers[.setCookie] = cookie("", maxAge: 0, secure: secureCookies || context.forwardedProto == "https")
            return response
        }
        group.get("auth/me") { request, _ -> Me in
            let session = try TokenAuthMiddleware.sessionCookie(request).flatMap { try sessions.session(for: $0) }
            return Me(loginRequired: password.isSet, authenticated: session != nil, user: session?.user, csrfToken: session?.csrf, expiresAt: session?.expiresAt)
        }
    }

    private func cookie(_ value: String, maxAge: Int, secure: Bool) -> String {
        "\(TokenAuthMiddleware.cookieName)=\(value); Path=\(cookiePath.isEmpty ? "/" : cookiePath); Max-Age=\(maxAge); HttpOnly; SameSite=Strict"
            + (secure ? "; Secure" : "")
    }
}
