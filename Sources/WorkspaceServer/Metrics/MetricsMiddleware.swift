import Hummingbird
import WorkspaceCore

/// Counts every answered request by route template (never the raw path, so ids do not explode the label set),
/// method and status, with its latency. Errors count with the status they become.
struct MetricsMiddleware: RouterMiddleware {
    let metrics: WorkspaceMetrics

    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status.code, started: started, clock: clock)
            return response
        } catch {
            record(request, context, status: (error as? any HTTPResponseError)?.status.code ?? 500, started: started, clock: clock)
            throw error
        }
    }

    private func record(_ request: Request, _ context: WorkspaceRequestContext, status: Int, started: ContinuousClock.Instant, clock: ContinuousClock)
    {
        let route = context.endpointPath ?? (request.uri.path.contains("/api/") ? "unmatched" : "static")
        metrics.request(route: route, method: request.method.rawValue, status: status, duration: clock.now - started)
    }
}
