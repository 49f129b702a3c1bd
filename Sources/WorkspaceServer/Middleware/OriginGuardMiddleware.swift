import Foundation
import HTTPTypes
import Hummingbird

/// Refuses state-changing requests sent by pages of any other origin (403): an `Origin` whose scheme, host and port
/// are not exactly this server's — the origin the request itself was addressed to (its `Host`, or the host and scheme
/// a trusted proxy forwarded) or `--public-url` — a `null` Origin, and `Sec-Fetch-Site` of `cross-site` or
/// `same-site` (a page on another port of this machine is "same-site"). Scripts that send neither (curl) are unaffected.
struct OriginGuardMiddleware: RouterMiddleware {
    private let secure: Bool
    private let publicOrigin: Origin?

    /// A scheme, host and port, compared as a whole.
    struct Origin: Equatable {
        var scheme: String
        var host: String
        var port: Int

        /// Parses `scheme://host[:port]` (an `Origin` header; nothing may follow the authority).
        init?(header: String) {
            guard let schemeEnd = header.range(of: "://") else { return nil }
            let scheme = header[..<schemeEnd.lowerBound].lowercased()
            let authority = String(header[schemeEnd.upperBound...])
            guard scheme == "http" || scheme == "https", !authority.contains("/"), !authority.contains("@"),
                let parsed = HostAllowList.parse(hostHeader: authority)
            else { return nil }
            self.init(scheme: scheme, host: parsed.host, port: parsed.port)
        }

        /// The origin of a request addressed to `authority` over `scheme`.
        init?(scheme: String, authority: String) {
            guard let parsed = HostAllowList.parse(hostHeader: authority) else { return nil }
            self.init(scheme: scheme, host: parsed.host, port: parsed.port)
        }

        init(scheme: String, host: String, port: Int?) {
            self.scheme = scheme
            self.host = host
            self.port = port ?? (scheme == "https" ? 443 : 80)
        }
    }

    /// Creates the guard; `secure` when the server itself speaks TLS.
    init(secure: Bool = false, publicURL: URL? = nil) {
        self.secure = secure
        self.publicOrigin = publicURL.flatMap { url in
            url.host.map { Origin(scheme: url.scheme?.lowercased() ?? "https", host: $0.lowercased(), port: url.port) }
        }
    }

    /// Checks Origin on non-safe methods.
    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method) else { return try await next(request, context) }
        if let site = request.headers[.secFetchSite], site == "cross-site" || site == "same-site" {
            throw Self.refusal
        }
        if let header = request.headers[.origin] {
            // The request's own origin passed the Host guard, and --public-url's host is on the allow list.
            guard let origin = Origin(header: header), ownOrigins(request, context).contains(origin) else {
                throw Self.refusal
            }
        }
        return try await next(request, context)
    }

    /// The origins this request may come from: the one it was addressed to, and the public URL's.
    private func ownOrigins(_ request: Request, _ context: WorkspaceRequestContext) -> [Origin] {
        let scheme = context.forwardedProto.flatMap { $0 == "https" || $0 == "http" ? $0 : nil } ?? (secure ? "https" : "http")
        let authority = context.forwardedHost ?? request.head.authority ?? ""
        return [Origin(scheme: scheme, authority: authority), publicOrigin].compactMap { $0 }
    }

    private static let refusal = APIError(
        .forbidden, code: "cross_site_request", message: "State-changing requests from other sites or origins are refused.")
}
