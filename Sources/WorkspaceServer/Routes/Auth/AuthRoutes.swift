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
    let signIn: SignIn
    let authenticator: Authenticator
    let basePath: String

    struct LoginRequest: Decodable {
        var user: String
        var password: String
        /// The second factor's 6-digit code, or a recovery code.
        var code: String?
    }

    struct Me: ResponseEncodable {
        var loginRequired: Bool
        var authenticated: Bool
        var user: String?
        var role: Role?
        var csrfToken: String?
        var expiresAt: Date?
        /// Signed in only to set up the second factor the role requires (every other route answers 403).
        var enrollOnly: Bool?
        /// How a browser signs in here: `password` (login mode) or `link` (the one-time link `serve` prints).
        var signIn: SignIn.Method
    }

    func addRoutes(to group: SecuredRoutes) {
        group.post("auth/login", .public, use: login)
        group.get("auth/link", .public, use: link)
        // Signing out needs the session (or a token) it ends: a stranger cannot sign anyone out.
        group.post("auth/logout", .account, use: logout)
        group.get("auth/me", .public, use: whoAmI)
    }

    @Sendable func login(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Response {
        let body = try await request.decode(as: LoginRequest.self, context: context)
        let started = try await signIn.withPassword(
            user: body.user, password: body.password, code: body.code, client: context.clientAddress,
            userAgent: request.headers[.userAgent], actor: context.auditActor)
        var response = try Response.json(me(started.session))
        response.setCookie(cookie(started.secret, maxAge: Int(signIn.lifetime), context: context))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func link(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Response {
        let query = QueryValues(request)
        let code = try query.string("code", maximumLength: 64) ?? ""
        let next = try query.string("next", maximumLength: 512).flatMap(Self.localPath) ?? "/"
        let started = try await signIn.withLink(code: code, client: context.clientAddress, actor: context.auditActor)
        var response = Response(status: .seeOther)
        response.headers[.location] = basePath + next
        response.setCookie(cookie(started.secret, maxAge: Int(signIn.lifetime), context: context))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func logout(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Response {
        let current = try authenticator.session(of: request, context: context)
        try await signIn.signOut(secret: current?.secret, user: current?.session.user, actor: context.auditActor)
        var response = Response(status: .noContent)
        response.setCookie(cookie("", maxAge: 0, context: context))
        return response
    }

    @Sendable func whoAmI(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Me {
        let session = try authenticator.session(of: request, context: context)?.session
        return session.map(me) ?? Me(loginRequired: signIn.method == .password, authenticated: false, signIn: signIn.method)
    }

    private func me(_ session: LoginSessions.Session) -> Me {
        Me(
            loginRequired: signIn.method == .password, authenticated: true, user: session.user, role: session.role, csrfToken: session.csrf,
            expiresAt: session.expiresAt, enrollOnly: session.enrollOnly ? true : nil, signIn: signIn.method)
    }

    /// `next` when it is a path of this page (`/sessions/abc`), never another site (`//evil`, `https:`).
    static func localPath(_ next: String) -> String? {
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains(":"),
            next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f })
        else { return nil }
        return next
    }

    /// The session cookie with Hummingbird's `Cookie` (reading stays hand-written in ``Authenticator``: its `Cookies`
    /// keeps one value per name, and every value of a tossed-in duplicate must be tried).
    private func cookie(_ value: String, maxAge: Int, context: WorkspaceRequestContext) -> Cookie {
        let secure = authenticator.secureCookies(context)
        // A __Host- cookie must be Secure with Path=/; without TLS the cookie is scoped to the base path.
        let path = secure || basePath.isEmpty ? "/" : basePath
        return Cookie(
            name: Authenticator.cookieName(secure: secure), value: value, maxAge: maxAge, path: path, secure: secure, httpOnly: true,
            sameSite: .strict)
    }
}
