import Hummingbird

/// Refuses paths no client of ours sends and only a path trick would: `.` or `..` segments (plain or
/// percent-encoded), encoded slashes or backslashes, backslashes, NUL, and percent-encoding that is not UTF-8.
/// Every file-naming parameter is checked again where it is used; this is the first, uniform line.
public struct PathGuardMiddleware: RouterMiddleware {
    /// Creates the middleware.
    public init() {}

    /// Answers 400 `invalid_path` for a suspicious path, passes everything else on.
    public func handle(_ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response) async throws -> Response {
        guard Self.isAcceptable(request.uri.path) else {
            throw APIError(.badRequest, code: "invalid_path", message: "The path holds dot segments, encoded slashes, NUL or invalid encoding.")
        }
        return try await next(request, context)
    }

    static func isAcceptable(_ path: String) -> Bool {
        let lowered = path.lowercased()
        if lowered.contains("%2f") || lowered.contains("%5c") || lowered.contains("%00") || path.contains("\\") || path.contains("\0") { return false }
        guard let decoded = path.removingPercentEncoding else { return false }
        return !decoded.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == "." || $0 == ".." }
    }
}
