import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 exchange over a plain socket with bytes exactly as given: invalid UTF-8, NUL, raw dot segments and
/// bodies larger than the server takes, which URLSession and curl would clean up or refuse to send.
struct RawExchange: Sendable {
    /// The answer's status, header block and body.
    struct Answer: Sendable {
        let status: Int
        let head: String
        let body: Data

        /// The body as text.
        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as a JSON object, if it is one.
        var object: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }

        /// A response header's value (case-insensitive name).
        func header(_ name: String) -> String? {
            head.split(separator: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
        }

        /// The `error.code` of a JSON error envelope, or `nil` when the body is not one.
        var errorCode: String? {
            guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
                let error = object["error"] as? [String: Any], error["message"] is String
            else { return nil }
            return error["code"] as? String
        }
    }

    let port: Int
    let token: String

    /// Sends `method target` with the token, `headers` and `body`, then reads the answer until the server closes.
    func send(_ method: String, _ target: [UInt8], headers: [String] = [], body: [UInt8] = [], chunked: Bool = false) async throws -> Answer {
        var head =
            Array("\(method) ".utf8) + target
            + Array(" HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n".utf8)
        for header in headers { head += Array("\(header)\r\n".utf8) }
        head += Array((chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: \(body.count)\r\n").utf8) + Array("\r\n".utf8)
        var payload = head
        if chunked {
            var offset = 0
            while offset < body.count {
                let chunk = body[offset..<min(offset + 65_536, body.count)]
                payload += Array("\(String(chunk.count, radix: 16))\r\n".utf8) + chunk + Array("\r\n".utf8)
                offset += chunk.count
            }
            payload += Array("0\r\n\r\n".utf8)
        } else {
            payload += body
        }
        let bytes = payload
        let port = port
        return try await offThePool { try Self.exchange(port: port, bytes) }
    }

    /// `send` with a path given as text (percent-encoding and all, sent as is).
    func send(_ method: String, _ target: String, headers: [String] = [], body: String = "") async throws -> Answer {
        try await send(method, Array(target.utf8), headers: headers, body: Array(body.utf8))
    }

    private static func exchange(port: Int, _ bytes: [UInt8]) throws -> Answer {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BrowserTestError("socket() failed") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        // A server that has answered 413 stops reading: sending the rest of a large body must give up, not block.
        var sendTimeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw BrowserTestError("connect() to port \(port) failed") }
        // The server may answer 413 and close before the body is sent; stop sending then and read what it said.
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { break }
            sent += count
        }
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        guard let split = received.firstRange(of: Array("\r\n\r\n".utf8)) else { throw BrowserTestError("no HTTP answer (\(received.count) bytes)") }
        let head = String(decoding: received[..<split.lowerBound], as: UTF8.self)
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        var body = Array(received[split.upperBound...])
        if head.lowercased().contains("transfer-encoding: chunked") { body = dechunked(body) }
        return Answer(status: status, head: head, body: Data(body))
    }

    private static func dechunked(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8]()
        var index = 0
        while let lineEnd = bytes[index...].firstRange(of: Array("\r\n".utf8)),
            let size = Int(String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self), radix: 16), size > 0,
            lineEnd.upperBound + size <= bytes.count
        {
            output += bytes[lineEnd.upperBound..<(lineEnd.upperBound + size)]
            index = lineEnd.upperBound + size + 2
            guard index < bytes.count else { break }
        }
        return output
    }
}
