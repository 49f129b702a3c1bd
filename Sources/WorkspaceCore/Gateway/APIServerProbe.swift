import Foundation
import NIOCore
import NIOPosix

/// Asks the gateway's API server `GET /health` on a loopback port, bounded by a short timeout.
///
/// This is the only network call the workspace makes, and it never leaves the machine.
public struct APIServerProbe: Sendable {
    /// The outcome of one probe.
    public struct Result: Sendable, Equatable {
        /// Whether an HTTP 200 came back in time.
        public var reachable: Bool
        /// Round trip in milliseconds.
        public var latencyMilliseconds: Double?
        /// The `version` field of the health answer.
        public var version: String?
        /// Why it failed.
        public var error: String?
    }

    private let timeout: TimeAmount
    private let group: any EventLoopGroup

    /// Creates a probe that gives up after `timeout`.
    public init(timeout: TimeAmount = .milliseconds(400), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.timeout = timeout
        self.group = group
    }

    /// Whether `host` names this machine, so probing it stays local.
    public static func isLocal(_ host: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "0.0.0.0", "::"].contains(host.lowercased()) || host.hasPrefix("127.")
    }

    /// Probes `host:port`.
    public func probe(host: String, port: Int) async -> Result {
        let target = (host == "0.0.0.0" || host == "localhost") ? "127.0.0.1" : (host == "::" ? "::1" : host)
        let started = ContinuousClock.now
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeout)
                .connect(host: target, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            let deadline = channel.channel.eventLoop.scheduleTask(in: timeout) { channel.channel.close(promise: nil) }
            defer { deadline.cancel() }
            let response = try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(string: "GET /health HTTP/1.0\r\nHost: \(target):\(port)\r\nConnection: close\r\n\r\n"))
                var collected = ByteBuffer()
                for try await chunk in inbound {
                    var chunk = chunk
                    collected.writeBuffer(&chunk)
                    if collected.readableBytes > 65_536 { break }
                }
                return String(buffer: collected)
            }
            return Self.interpret(response, milliseconds: started.duration(to: .now).milliseconds)
        } catch {
            return Result(reachable: false, latencyMilliseconds: nil, version: nil, error: "not reachable on port \(port)")
        }
    }

    private static func interpret(_ response: String, milliseconds: Double) -> Result {
        guard let statusLine = response.split(separator: "\r\n", maxSplits: 1).first else {
            return Result(reachable: false, latencyMilliseconds: nil, version: nil, error: "no answer before the timeout")
        }
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, parts[1] == "200" else {
            return Result(reachable: false, latencyMilliseconds: milliseconds, version: nil, error: "answered \(statusLine)")
        }
        var version: String?
        if let bodyStart = response.range(of: "\r\n\r\n"),
           let object = try? JSONSerialization.jsonObject(with: Data(response[bodyStart.upperBound...].utf8)) as? [String: Any] {
            version = object["version"] as? String
        }
        return Result(reachable: true, latencyMilliseconds: milliseconds, version: version, error: nil)
    }
}
