import HTTPTypes
import Hummingbird

/// Gives every request an id (the caller's sane `X-Request-ID`, or a fresh one) and echoes it in the response.
struct RequestIDMiddleware: RouterMiddleware {
    /// Creates the middleware.
    init() {}

    /// Assigns the id.
    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let given = request.headers[.requestID], given.count <= 64, given.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
            !given.isEmpty
        {
            context.requestID = given
        } else {
            var generator = SystemRandomNumberGenerator()
            context.requestID = String(generator.next() as UInt64, radix: 16)
        }
        var response = try await next(request, context)
        response.headers[.requestID] = context.requestID
        return response
    }
}
