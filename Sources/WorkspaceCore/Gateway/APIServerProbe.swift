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
        let started = ContinuousClock.now
        let answer: LoopbackHTTPClient.Answer?
        do {
            answer = try await LoopbackHTTPClient(timeout: timeout, maximumBytes: 65_536, group: group).send("GET", "/health", host: host, port: port)
        } catch {
            return Result(reachable: false, latencyMilliseconds: nil, version: nil, error: "not reachable on port \(port)")
        }
        let milliseconds = started.duration(to: .now).milliseconds
        guard let answer else { return Result(reachable: false, latencyMilliseconds: nil, version: nil, error: "no answer before the timeout") }
        guard answer.status == 200 else {
            return Result(reachable: false, latencyMilliseconds: milliseconds, version: nil, error: "answered \(answer.statusLine)")
        }
        let version = (try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["version"] as? String
        return Result(reachable: true, latencyMilliseconds: milliseconds, version: version, error: nil)
    }
}
