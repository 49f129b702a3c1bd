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
        isAcceptablePlain(path) ?? isAcceptableInFull(path)
    }

    /// The full check, for any path.
    static func isAcceptableInFull(_ path: String) -> Bool {
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

    /// The answer for a path of unreserved characters and slashes only (no `%`, nothing to decode), read from its
    /// bytes; nil for any other path.
    static func isAcceptablePlain(_ path: String) -> Bool? {
        var bytes = path.utf8[...]
        guard bytes.first == UInt8(ascii: "/") else { return nil }
        bytes = bytes.dropFirst()
        if bytes.isEmpty { return true }
        if bytes.last == UInt8(ascii: "/") { bytes = bytes.dropLast() }
        var segmentLength = 0
        var dots = 0
        for byte in bytes {
            if byte == UInt8(ascii: "/") {
                if segmentLength == 0 || (segmentLength == dots && dots <= 2) { return false }
                segmentLength = 0
                dots = 0
                continue
            }
            let unreserved =
                (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~") || byte == UInt8(ascii: ".")
            guard unreserved else { return nil }
            segmentLength += 1
            if byte == UInt8(ascii: ".") { dots += 1 }
        }
        // Every segment, the last one too, must be non-empty and not `.` or `..` (longer runs of dots are names).
        return !(segmentLength == 0 || (segmentLength == dots && dots <= 2))
    }
}
