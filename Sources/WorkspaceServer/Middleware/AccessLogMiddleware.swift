import Foundation
import Hummingbird
import Logging
import WorkspaceCore

/// One log line per request: method, path (never the query string, which may carry a ticket or token),
/// status, duration, request id and client address.
struct AccessLogMiddleware: RouterMiddleware {
    private let logger: Logger

    /// Creates the middleware writing to `logger`.
    init(logger: Logger) {
        self.logger = logger
    }

    /// Logs after the response is produced.
    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let milliseconds = started.duration(to: .now).milliseconds
        // One line per request at debug (a quiet start; --log-level debug shows them), a server error at warning.
        logger.log(
            level: response.status.code >= 500 ? .warning : .debug,
            "\(request.method) \(request.uri.path) \(response.status.code) \(String(format: "%.1f", milliseconds))ms",
            metadata: ["request_id": .string(context.requestID), "client": .string(context.clientAddress ?? "-")])
        return response
    }
}
