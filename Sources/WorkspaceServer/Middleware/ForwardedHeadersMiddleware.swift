import Hummingbird

/// Believes `X-Forwarded-For`, `X-Forwarded-Proto` and `X-Forwarded-Host` only from `--trusted-proxy` peers: the
/// client address becomes the right-most forwarded address that is not itself a trusted proxy, and the scheme and
/// host the proxy saw are kept for `Secure` cookies and the Host guard. From anyone else the headers are ignored.
/// A loopback peer is never believed unless `trustLoopback` (`--trust-loopback-proxy`) says so: on loopback any
/// local process could pose as the proxy and rotate its claimed address past the per-address limits.
struct ForwardedHeadersMiddleware: RouterMiddleware {
    let trusted: [AddressBlock]
    var trustLoopback = false

    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let peer = context.peerAddress, trusted.contains(where: { $0.contains(peer) }),
            trustLoopback || !HostAllowList.isLoopback(peer)
        else { return try await next(request, context) }
        var context = context
        let chain = request.headers[values: .xForwardedFor].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        if let client = chain.reversed().first(where: { address in AddressBlock(address) != nil && !trusted.contains { $0.contains(address) } }) {
            context.clientAddress = client
        }
        context.forwardedProto = request.headers[.xForwardedProto]?.split(separator: ",").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        context.forwardedHost = request.headers[.xForwardedHost]?.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
        return try await next(request, context)
    }
}
