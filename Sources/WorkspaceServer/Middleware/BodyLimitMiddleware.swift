import Foundation
import HTTPTypes
import Hummingbird

/// Refuses bodies larger than the limit: at once when `Content-Length` says so, and while reading otherwise
/// (the limit becomes the context's upload size).
struct BodyLimitMiddleware: RouterMiddleware {
    private let limit: Int

    /// Creates the middleware for `limit` bytes.
    init(limit: Int) {
        self.limit = limit
    }

    /// Checks the declared length and sets the read limit.
    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError(
                .contentTooLarge, code: "payload_too_large", message: "The request body is larger than \(limit) bytes.",
                details: ["limitBytes": String(limit)])
        }
        var context = context
        context.bodyLimit = limit
        return try await next(request, context)
    }
}
