import Hummingbird

/// Refuses paths no client of ours sends and only a path trick would: empty segments (`//api`, `/base//api`; a
/// trailing slash is fine), `.` or `..` segments (plain or percent-encoded), encoded slashes or backslashes,
/// backslashes, NUL, and percent-encoding that is not UTF-8. Access is decided by the matched route, never by the
/// path's spelling, so this is hygiene, not the lock.
/// Every file-naming parameter is checked again where it is used; this is the first, uniform line.
struct PathGuardMiddleware: RouterMiddleware {
    /// Creates the middleware.
    init() {}

    /// Answers 400 `invalid_path` for a suspicious path, passes everything else on.
    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        guard Self.isAcceptable(request.uri.path) else {
            throw APIError(
                .badRequest, code: "invalid_path", message: "The path holds empty or dot segments, encoded slashes, NUL or invalid encoding.")
        }
        return try await next(request, context)
    }

    static func isAcceptable(_ path: String) -> Bool {
        let lowered = path.lowercased()
        if lowered.contains("%2f") || lowered.contains("%5c") || lowered.contains("%00") || path.contains("\\") || path.contains("\0") {
            return false
        }
        guard path.hasPrefix("/"), let decoded = path.removingPercentEncoding else { return false }
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.last?.isEmpty == true { segments = segments.dropLast() }
        if segments.contains(where: \.isEmpty) { return false }
        return !decoded.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == "." || $0 == ".." }
    }
}
