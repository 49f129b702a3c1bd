import Foundation
import HTTPTypes
import Hummingbird

/// Adds the security headers to every answer, errors included: a CSP without inline scripts,
/// no framing, no sniffing, no referrer.
struct SecurityHeadersMiddleware: RouterMiddleware {
    /// The Content-Security-Policy sent with every response.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// Creates the middleware.
    init() {}

    /// Adds the headers.
    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.crossOriginOpenerPolicy] = "same-origin"
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
