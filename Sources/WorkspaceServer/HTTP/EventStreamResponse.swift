import Hummingbird

extension Response {
    /// A Server-Sent Events answer: `text/event-stream`, never cached, never buffered by nginx
    /// (`X-Accel-Buffering: no`), its body written by `body` as events happen.
    static func eventStream(_ body: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Void) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store", .xAccelBuffering: "no"],
            body: ResponseBody(body))
    }
}
