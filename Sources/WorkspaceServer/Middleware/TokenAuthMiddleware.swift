import Foundation
import HTTPTypes
import Hummingbird
import WorkspaceCore

/// Requires the API token on every `/api/` route except the health check (401 otherwise).
///
/// The token comes as `Authorization: Bearer …` or `X-Hermes-Session-Token`; it is compared in constant time.
/// On `ticketPaths` (the event stream, which a browser's `EventSource` opens without headers) a single-use
/// `?ticket=` from ``EventTickets`` is accepted instead.
public struct TokenAuthMiddleware: RouterMiddleware {
    private let tokens: TokenStore
    private let protectedPrefix: String
    private let publicPaths: Set<String>
    private let tickets: EventTickets?
    private let ticketPaths: Set<String>
    private let protectedPaths: Set<String>
    private let sessions: LoginSessions?

    /// Creates the middleware protecting everything under `apiRoot` (e.g. `/api`) except `publicPaths`, and the
    /// single `protectedPaths` outside it (`/metrics`).
    public init(tokens: TokenStore, apiRoot: String, publicPaths: Set<String>, tickets: EventTickets? = nil, ticketPaths: Set<String> = [],
                protectedPaths: Set<String> = [], sessions: LoginSessions? = nil) {
        self.protectedPaths = protectedPaths
        self.sessions = sessions
        self.tokens = tokens
        self.protectedPrefix = apiRoot + "/"
        self.publicPaths = publicPaths
        self.tickets = tickets
        self.ticketPaths = ticketPaths
    }

    /// Checks the token.
    public func handle(_ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix(protectedPrefix) || path == String(protectedPrefix.dropLast()) || protectedPaths.contains(path), !publicPaths.contains(path) else {
            return try await next(request, context)
        }
        if ticketPaths.contains(path), let tickets, let ticket = request.uri.queryParameters["ticket"] {
            guard tickets.redeem(String(ticket)) else {
                throw APIError(.unauthorized, code: "invalid_ticket", message: "The event ticket is unknown, used or expired; ask POST /api/v1/events/ticket for a new one.")
            }
            return try await next(request, context)
        }
        if Self.presentedToken(request) == nil, let sessions, let secret = Self.sessionCookie(request) {
            guard let session = try sessions.session(for: secret) else {
                throw APIError(.unauthorized, code: "session_expired", message: "Your sign-in has ended; sign in again.")
            }
            if request.method != .get, request.method != .head {
                guard let presented = request.headers[.csrfToken], OperatorPassword.constantTimeEqual(Array(presented.utf8), Array(session.csrf.utf8)) else {
                    throw APIError(.forbidden, code: "csrf", message: "A signed-in change needs the X-CSRF-Token header from the sign-in answer.")
                }
            }
            var context = context
            context.user = session.user
            return try await next(request, context)
        }
        guard let presented = Self.presentedToken(request), try tokens.current().matches(presented) else {
            throw APIError(.unauthorized, code: "unauthorized",
                           message: "Send the API token as 'Authorization: Bearer <token>' (see 'hermes-workspace token').",
                           headers: [.wwwAuthenticate: "Bearer realm=\"hermes-workspace\""])
        }
        return try await next(request, context)
    }

    /// The name of the login session cookie.
    static let cookieName = "hermes_session"

    static func sessionCookie(_ request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == cookieName { return parts[1] }
            }
        }
        return nil
    }

    private static func presentedToken(_ request: Request) -> String? {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return request.headers[.hermesSessionToken]
    }
}
