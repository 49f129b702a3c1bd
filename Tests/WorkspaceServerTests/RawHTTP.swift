import Foundation
import WorkspaceCore

@testable import WorkspaceServer

#if canImport(Glibc)
import Glibc
#endif

/// Sends one hand-written HTTP/1.1 request over a plain socket, so tests can set any Host header.
///
/// The blocking socket calls run through the server's `offloaded`: on the Swift concurrency pool (as small as the
/// machine) they would starve the in-process server they are waiting for.
enum RawHTTP {
    static func send(port: Int, _ head: String) async throws -> (status: Int, text: String) {
        try await offloaded {
            let descriptor = try connected(port: port, head + "Connection: close\n")
            defer { close(descriptor) }
            var received = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(descriptor, &buffer, buffer.count, 0)
                if count <= 0 { break }
                received.append(contentsOf: buffer[0..<count])
            }
            let text = String(decoding: received, as: UTF8.self)
            let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
            return (status, text)
        }
    }

    /// Sends `head` and reads the answer as it streams until `done` holds for what arrived (or `seconds` pass),
    /// then hangs up; returns everything read.
    static func stream(port: Int, _ head: String, seconds: Double = 60, until done: @escaping @Sendable (String) -> Bool) async throws -> String {
        try await offloaded {
            let descriptor = try connected(port: port, head)
            defer { close(descriptor) }
            var received = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 4096)
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline, !done(String(decoding: received, as: UTF8.self)) {
                var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&entry, 1, 100) >= 0 else { break }
                if entry.revents & Int16(POLLIN) != 0 {
                    let count = recv(descriptor, &buffer, buffer.count, 0)
                    if count <= 0 { break }
                    received.append(contentsOf: buffer[0..<count])
                }
            }
            return String(decoding: received, as: UTF8.self)
        }
    }

    /// A socket connected to 127.0.0.1:`port` that has sent `head` and its blank line. Reads give up after 60 s: a
    /// deadline for a server that never answers, generous because the whole suite shares two cores with browsers.
    private static func connected(port: Int, _ head: String) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
        let request = head.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        _ = request.withCString { Glibc.send(descriptor, $0, strlen($0), 0) }
        return descriptor
    }
}
