import Hummingbird
import Logging

/// Turns every thrown error into the JSON error envelope, so the middlewares outside it (headers, access log)
/// see an ordinary response. Unexpected errors are logged with the request id; their text never reaches the client.
struct ErrorEnvelopeMiddleware: RouterMiddleware {
    private let logger: Logger

    /// Creates the middleware logging unexpected errors to `logger`.
    init(logger: Logger) {
        self.logger = logger
    }

    /// Catches and renders.
    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = APIError(mapping: error, request: request)
            if apiError.status.code >= 500 {
                logger.error(
                    "\(request.method) \(request.uri.path) failed: \(String(describing: error))", metadata: ["request_id": .string(context.requestID)]
                )
            }
            return try apiError.response(from: request, context: context)
        }
    }
}
