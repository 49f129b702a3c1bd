import Hummingbird

/// Refuses requests whose `Host` header does not name this server (403), which defeats DNS rebinding.
public struct HostGuardMiddleware: RouterMiddleware {
    private let allowList: HostAllowList

    /// Creates the guard.
    public init(allowList: HostAllowList) {
        self.allowList = allowList
    }

    /// Checks the Host header (and the host a trusted proxy forwarded).
    public func handle(_ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response) async throws -> Response {
        let host = request.head.authority ?? ""
        guard allowList.allows(hostHeader: host), context.forwardedHost.map(allowList.allows(hostHeader:)) ?? true else {
            throw APIError(.forbidden, code: "forbidden_host", message: "The Host header does not name this server; add it with --allowed-host if you reach it under that name.")
        }
        return try await next(request, context)
    }
}
