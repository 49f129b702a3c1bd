import CompressNIO
import HTTPTypes
import Hummingbird
import NIOCore

/// gzip for answers a client accepts it for (`Accept-Encoding`): JSON, text, JavaScript, CSS and SVG bodies of known
/// length from 1 KiB to 16 MiB. Event streams (`text/event-stream`) are never compressed — a compressor holds bytes
/// back, and an event must reach the page when it happens; nor is anything that already has a `Content-Encoding`
/// (the page's files are compressed once at start-up, see ``SPAAssets``). The answer varies by `Accept-Encoding`.
struct CompressionMiddleware: RouterMiddleware {
    static let minimumSize = 1_024
    static let maximumSize = 16 << 20

    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        guard request.method != .head, Self.acceptsGzip(request.headers[values: .acceptEncoding]) else { return response }
        guard response.headers[.contentEncoding] == nil, let type = response.headers[.contentType], Self.compressible(type),
            let length = response.body.contentLength, (Self.minimumSize...Self.maximumSize).contains(length)
        else { return response }
        let collected = Collected()
        try await response.body.write(Collector(into: collected))
        var plain = collected.buffer
        let compressed = try plain.compress(with: .gzip())
        response.body = ResponseBody(byteBuffer: compressed)
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = String(compressed.readableBytes)
        Self.addVary(&response.headers)
        return response
    }

    /// Whether `Accept-Encoding` lists gzip (or `*`) with a weight above zero.
    static func acceptsGzip(_ values: [String]) -> Bool {
        for item in values.joined(separator: ",").split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "*" else { continue }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if weight > 0 { return true }
        }
        return false
    }

    static func compressible(_ contentType: String) -> Bool {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard type != "text/event-stream" else { return false }
        return type.hasPrefix("text/") || type == "application/json" || type.hasSuffix("+json") || type == "image/svg+xml"
            || type == "application/javascript" || type == "application/x-ndjson" || type == "application/yaml"
    }

    static func addVary(_ headers: inout HTTPFields) {
        let existing = headers[values: .vary].flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        if !existing.contains(where: { $0.lowercased() == "accept-encoding" }) { headers.append(HTTPField(name: .vary, value: "Accept-Encoding")) }
    }

    /// Where ``Collector`` puts the body (a reference, since a writer is consumed).
    final class Collected: @unchecked Sendable {
        var buffer = ByteBuffer()
    }

    struct Collector: ResponseBodyWriter {
        let into: Collected

        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            into.buffer.writeBuffer(&buffer)
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
