import Foundation
import HTTPTypes
import Hummingbird
import WorkspaceCore

/// Decides who a request is and whether its route admits them. Called by every non-public route before its handler
/// (see ``SecuredRoutes``); nothing decides by path prefix.
///
/// Credentials, in order:
/// 1. `?ticket=` on routes that accept tickets (event streams): the principal the ticket was issued to;
/// 2. `Authorization: Bearer …` or `X-Hermes-Session-Token`: an API token (`hwt_…`, with its role) or the token file
///    `workspace/token` — admin without a password, **viewer in login mode**, so nothing readable under
///    `HERMES_HOME` can approve, change config or keys once a password is set;
/// 3. the session cookie (every cookie of that name is tried, so a cookie tossed in by a page on another port
///    cannot lock the operator out): changes must echo its CSRF token, and requests a browser marks as sent by
///    another site or origin (`Sec-Fetch-Site` other than `same-origin` or `none`) are refused.
struct Authenticator: Sendable {
    let fileToken: TokenStore
    let credentials: CredentialStore
    let sessions: LoginSessions
    let accounts: Accounts
    let tickets: EventTickets
    /// Cookies are `__Host-` prefixed and `Secure` (TLS, or HTTPS in front).
    let secureCookies: Bool

    /// The session cookie's name for a request.
    static func cookieName(secure: Bool) -> String { secure ? "__Host-hermes_session" : "hermes_session" }

    /// Whether this request's cookies are `Secure` and `__Host-`: the server speaks TLS, its public URL is HTTPS,
    /// or a trusted proxy saw HTTPS.
    func secureCookies(_ context: WorkspaceRequestContext) -> Bool { secureCookies || context.forwardedProto == "https" }

    /// The context with its principal set, or an `APIError` (401 without a valid credential, 403 for a role the route does not admit).
    func admit(_ request: Request, context: WorkspaceRequestContext, access: RouteAccess, acceptsTicket: Bool) async throws -> WorkspaceRequestContext
    {
        guard !access.isPublic else { return context }
        var context = context
        let principal = try await identify(request, context: context, acceptsTicket: acceptsTicket)
        context.principal = principal
        if principal.enrollOnly, !access.duringEnrollment {
            throw APIError(
                .forbidden, code: "second_factor_enrollment_required",
                message: "Your role must use a second factor: set it up under Account before doing anything else.")
        }
        guard access.admits(principal.role) else {
            let needed = access.leastRole?.rawValue ?? "admin"
            throw APIError(
                .forbidden, code: "forbidden",
                message: "This needs the \(needed) role; your credential (\(principal.name)) is \(principal.role.rawValue).",
                details: ["required": access.description, "role": principal.role.rawValue])
        }
        return context
    }

    /// Who the request is, or 401.
    func identify(_ request: Request, context: WorkspaceRequestContext, acceptsTicket: Bool) async throws -> Principal {
        if acceptsTicket, let ticket = request.uri.queryParameters["ticket"] {
            guard let redeemed = tickets.redeemed(String(ticket)), let principal = redeemed else {
                throw APIError(
                    .unauthorized, code: "invalid_ticket",
                    message: "The event ticket is unknown, used or expired; ask POST /api/v1/events/ticket for a new one.")
            }
            return principal
        }
        if let presented = Self.presentedToken(request) {
            if presented.hasPrefix(CredentialStore.tokenPrefix), let principal = try credentials.principal(forToken: presented) {
                return principal
            }
            if try fileToken.current().matches(presented) {
                return Principal(kind: .fileToken, credentialID: "token-file", name: "token", role: accounts.isSet ? .viewer : .admin)
            }
            throw Self.unauthorized
        }
        guard !Self.cookies(named: Self.cookieName(secure: secureCookies(context)), in: request).isEmpty else { throw Self.unauthorized }
        guard let session = try session(of: request, context: context)?.session else {
            throw APIError(.unauthorized, code: "session_expired", message: "Your sign-in has ended; sign in again.")
        }
        if let site = request.headers[.secFetchSite], site != "same-origin", site != "none" {
            throw APIError(.forbidden, code: "cross_site_request", message: "Requests sent by other sites or origins are refused.")
        }
        if request.method != .get, request.method != .head {
            guard let presented = request.headers[.csrfToken], Accounts.constantTimeEqual(Array(presented.utf8), Array(session.csrf.utf8))
            else {
                throw APIError(.forbidden, code: "csrf", message: "A signed-in change needs the X-CSRF-Token header from the sign-in answer.")
            }
        }
        var principal = Principal(kind: .session, credentialID: "session:" + session.id, name: session.user, role: session.role)
        principal.enrollOnly = session.enrollOnly
        return principal
    }

    /// The session a request's cookies name, if any (for `/auth/me` and sign-out, which are public routes), with
    /// the role and enrollment its account stands at now; a session whose account is gone (removed, disabled, or a
    /// sign-in link's once accounts exist) is ended here.
    func session(of request: Request, context: WorkspaceRequestContext) throws -> (secret: String, session: LoginSessions.Session)? {
        for secret in Self.cookies(named: Self.cookieName(secure: secureCookies(context)), in: request) {
            guard var session = try sessions.session(for: secret) else { continue }
            switch try accounts.standing(of: session.user) {
            case .noAccounts: break
            case .gone:
                try sessions.end(secret)
                continue
            case .account(let role, let mustEnroll):
                session.role = role
                session.enrollOnly = mustEnroll
            }
            return (secret, session)
        }
        return nil
    }

    private static let unauthorized = APIError(
        .unauthorized, code: "unauthorized",
        message: "Send a token as 'Authorization: Bearer <token>' (see 'hermes-workspace token'), or sign in.",
        headers: [.wwwAuthenticate: "Bearer realm=\"hermes-workspace\""])

    /// Every value of the cookie `name`, in the order sent.
    static func cookies(named name: String, in request: Request) -> [String] {
        var values: [String] = []
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == name, !parts[1].isEmpty { values.append(parts[1]) }
            }
        }
        return values
    }

    static func presentedToken(_ request: Request) -> String? {
        if let authorization = request.headers[.authorization] {
            // Byte by byte: the scheme in any case, then the token without the spaces or tabs around it (Foundation's
            // trimming was a twentieth of a cached answer's cost).
            let bytes = Array(authorization.utf8)
            let scheme = Array("bearer".utf8)
            guard bytes.count > scheme.count, bytes[scheme.count] == UInt8(ascii: " "),
                zip(bytes, scheme).allSatisfy({ $0 | 0x20 == $1 })
            else { return "" }
            let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
            let token = bytes[scheme.count...].drop(while: isSpace)
            return String(decoding: token[..<(token.lastIndex { !isSpace($0) }.map { $0 + 1 } ?? token.startIndex)], as: UTF8.self)
        }
        return request.headers[.hermesSessionToken]
    }
}
