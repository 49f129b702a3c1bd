import Hummingbird

/// Refuses requests whose `Host` header does not name this server (403), which defeats DNS rebinding.
struct HostGuardMiddleware: RouterMiddleware {
    private let allowList: HostAllowList

    /// Creates the guard.
    init(allowList: HostAllowList) {
        self.allowList = allowList
    }

    /// Checks the Host header (and the host a trusted proxy forwarded).
    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        // The first Host became the request's authority; any Host still among the fields is a second one, which a
        // proxy and this server could read differently (request smuggling): refused.
        if request.headers.contains(where: { $0.name.canonicalName == "host" }) {
            throw APIError(.badRequest, code: "duplicate_host", message: "The request carries more than one Host header.")
        }
        let host = request.head.authority ?? ""
        guard allowList.allows(hostHeader: host), context.forwardedHost.map(allowList.allows(hostHeader:)) ?? true else {
            throw APIError(
                .forbidden, code: "forbidden_host",
                message: "The Host header does not name this server; add it with --allowed-host if you reach it under that name.")
        }
        return try await next(request, context)
    }
}
