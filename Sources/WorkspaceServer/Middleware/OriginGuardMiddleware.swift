import Foundation
import HTTPTypes
import Hummingbird

/// Refuses state-changing requests sent by pages of other sites (403): a foreign or `null` `Origin`,
/// or `Sec-Fetch-Site: cross-site`. Scripts that send no Origin (curl) are unaffected.
public struct OriginGuardMiddleware: RouterMiddleware {
    private let allowList: HostAllowList

    /// Creates the guard using the same host names as the Host guard.
    public init(allowList: HostAllowList) {
        self.allowList = allowList
    }

    /// Checks Origin on non-safe methods.
    public func handle(_ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method) else { return try await next(request, context) }
        if request.headers[.secFetchSite] == "cross-site" {
            throw Self.refusal
        }
        if let origin = request.headers[.origin] {
            guard let schemeEnd = origin.range(of: "://"), origin.hasPrefix("http"),
                  allowList.allows(hostHeader: String(origin[schemeEnd.upperBound...].prefix { $0 != "/" })) else {
                throw Self.refusal
            }
        }
        return try await next(request, context)
    }

    private static let refusal = APIError(.forbidden, code: "cross_site_request", message: "State-changing requests from other sites are refused.")
}
