import Foundation

/// Slows password guessing: after 3 failed sign-ins from one client address, or for one account, each further
/// attempt must wait twice as long as the last (1 s, 2 s, 4 s… up to 15 minutes). A success clears both.
public final class LoginThrottle: Sendable {
    private struct Strikes {
        var failures: Int
        var blockedUntil: Date
    }

    private let free: Int
    private let maximumDelay: TimeInterval
    private let state = LockedValue<[String: Strikes]>([:])

    /// A throttle allowing `free` failures before delays start.
    public init(free: Int = 3, maximumDelay: TimeInterval = 900) {
        self.free = free
        self.maximumDelay = maximumDelay
    }

    /// Throws ``WorkspaceError/rateLimited(retryAfterSeconds:)`` while `address` or `user` must wait.
    public func check(address: String, user: String, now: Date = Date()) throws {
        let wait = state.withValue { strikes in
            [Self.key("address", address), Self.key("user", user)].compactMap { strikes[$0]?.blockedUntil.timeIntervalSince(now) }.max() ?? 0
        }
        if wait > 0 { throw WorkspaceError.rateLimited(retryAfterSeconds: Int(wait.rounded(.up))) }
    }

    /// Records a failed attempt.
    public func failed(address: String, user: String, now: Date = Date()) {
        state.withValue { strikes in
            for key in [Self.key("address", address), Self.key("user", user)] {
                var entry = strikes[key] ?? Strikes(failures: 0, blockedUntil: .distantPast)
                entry.failures += 1
                if entry.failures > free {
                    entry.blockedUntil = now.addingTimeInterval(min(maximumDelay, pow(2, Double(entry.failures - free - 1))))
                }
                strikes[key] = entry
            }
        }
    }

    /// Clears the record after a success.
    public func succeeded(address: String, user: String) {
        state.withValue { strikes in
            strikes[Self.key("address", address)] = nil
            strikes[Self.key("user", user)] = nil
        }
    }

    private static func key(_ kind: String, _ value: String) -> String { kind + ":" + value.lowercased() }
}
