import Foundation
import NIOCore
import NIOPosix

/// A minimal HTTP/1.0 client for the gateway's API server on this machine: one request per connection
/// (`Connection: close`), the whole answer read until the server closes, bounded by a timeout and a size cap.
struct LoopbackHTTPClient: Sendable {
    /// A parsed answer.
    struct Answer: Sendable {
        /// The status line, e.g. `HTTP/1.1 200 OK`.
        var statusLine: String
        /// The status code.
        var status: Int
        /// The body (de-chunked when the server chunked it).
        var body: Data
    }

    var timeout: TimeAmount
    var maximumBytes = 8 << 20
    var group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

    /// Sends `method path` to `host:port` with `headers` and `body`; `nil` when no answer came (refused, timed out).
    func send(_ method: String, _ path: String, host: String, port: Int, headers: [(String, String)] = [], body: Data? = nil) async throws -> Answer?
    {
        let target = (host == "0.0.0.0" || host == "localhost") ? "127.0.0.1" : (host == "::" ? "::1" : host)
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .connect(host: target, port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        let deadline = channel.channel.eventLoop.scheduleTask(in: timeout) { channel.channel.close(promise: nil) }
        defer { deadline.cancel() }
        var head = "\(method) \(path) HTTP/1.0\r\nHost: \(target):\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let limit = maximumBytes
        let raw = try await channel.executeThenClose { inbound, outbound -> Data in
            var request = ByteBuffer(string: head)
            if let body { request.writeBytes(body) }
            try await outbound.write(request)
            var collected = Data()
            for try await chunk in inbound {
                collected.append(contentsOf: chunk.readableBytesView)
                if collected.count > limit { break }
            }
            return collected
        }
        return Self.parse(raw)
    }

    private static func parse(_ raw: Data) -> Answer? {
        guard let split = raw.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: raw[..<split.lowerBound], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        guard let statusLine = lines.first else { return nil }
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        var body = Data(raw[split.upperBound...])
        if lines.contains(where: { $0.lowercased().hasPrefix("transfer-encoding:") && $0.lowercased().contains("chunked") }) {
            body = dechunked(body)
        }
        return Answer(statusLine: statusLine, status: status, body: body)
    }

    private static func dechunked(_ data: Data) -> Data {
        var result = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)),
            let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? "", radix: 16), size > 0
        {
            let start = lineEnd.upperBound
            guard rest.distance(from: start, to: rest.endIndex) >= size else { break }
            let end = rest.index(start, offsetBy: size)
            result.append(rest[start..<end])
            rest = rest[min(rest.endIndex, rest.index(end, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex)...]
        }
        return result
    }
}
