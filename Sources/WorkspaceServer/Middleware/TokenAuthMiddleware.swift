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

    /// Creates the middleware protecting everything under `apiRoot` (e.g. `/api`) except `publicPaths`, and the
    /// single `protectedPaths` outside it (`/metrics`).
    public init(tokens: TokenStore, apiRoot: String, publicPaths: Set<String>, tickets: EventTickets? = nil, ticketPaths: Set<String> = [],
                protectedPaths: Set<String> = []) {
        self.protectedPaths = protectedPaths
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
        guard let presented = Self.presentedToken(request), try tokens.current().matches(presented) else {
            throw APIError(.unauthorized, code: "unauthorized",
                           message: "Send the API token as 'Authorization: Bearer <token>' (see 'hermes-workspace token').",
                           headers: [.wwwAuthenticate: "Bearer realm=\"hermes-workspace\""])
        }
        return try await next(request, context)
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
