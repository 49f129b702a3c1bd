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
    private let inFlight = LockedValue<[String: Int]>([:])
    private let maximumConcurrent: Int
    private let clock: any WorkspaceClock

    /// A throttle allowing `free` failures before delays start, timed by `clock`.
    /// `maximumConcurrent` password checks may run at once for one address or one account; more are refused.
    public init(free: Int = 3, maximumDelay: TimeInterval = 900, maximumConcurrent: Int = 1, clock: any WorkspaceClock = SystemClock()) {
        self.clock = clock
        self.maximumConcurrent = maximumConcurrent
        self.free = free
        self.maximumDelay = maximumDelay
    }

    /// The seconds `address` or `user` must still wait (0 when neither is held back).
    public func wait(address: String, user: String, now: Date? = nil) -> Int {
        let now = now ?? clock.now()
        let wait = state.withValue { strikes in
            [Self.key("address", address), Self.key("user", user)].compactMap { strikes[$0]?.blockedUntil.timeIntervalSince(now) }.max() ?? 0
        }
        return wait > 0 ? Int(wait.rounded(.up)) : 0
    }

    /// Throws ``WorkspaceError/rateLimited(retryAfterSeconds:)`` while `address` or `user` must wait.
    public func check(address: String, user: String, now: Date? = nil) throws {
        let now = now ?? clock.now()
        let wait = state.withValue { strikes in
            [Self.key("address", address), Self.key("user", user)].compactMap { strikes[$0]?.blockedUntil.timeIntervalSince(now) }.max() ?? 0
        }
        if wait > 0 { throw WorkspaceError.rateLimited(retryAfterSeconds: Int(wait.rounded(.up))) }
    }

    /// Reserves one password check for `address` and `user`, atomically: throws
    /// ``WorkspaceError/rateLimited(retryAfterSeconds:)`` while either must wait, or while another check for either is
    /// still running (so 200 concurrent guesses cost one check, not 200). End the reservation with ``failed(address:user:now:)``,
    /// ``succeeded(address:user:)`` or ``abandoned(address:user:)``.
    public func begin(address: String, user: String, now: Date? = nil) throws {
        try check(address: address, user: user, now: now)
        let keys = [Self.key("address", address), Self.key("user", user)]
        let reserved = inFlight.withValue { running -> Bool in
            guard keys.allSatisfy({ running[$0, default: 0] < maximumConcurrent }) else { return false }
            keys.forEach { running[$0, default: 0] += 1 }
            return true
        }
        guard reserved else { throw WorkspaceError.rateLimited(retryAfterSeconds: 1) }
    }

    /// Ends a reservation that neither failed nor succeeded (the check itself could not run).
    public func abandoned(address: String, user: String) {
        release(address: address, user: user)
    }

    private func release(address: String, user: String) {
        inFlight.withValue { running in
            for key in [Self.key("address", address), Self.key("user", user)] {
                let left = running[key, default: 0] - 1
                running[key] = left > 0 ? left : nil
            }
        }
    }

    /// Records a failed attempt (and ends its reservation, if ``begin(address:user:now:)`` made one).
    public func failed(address: String, user: String, now: Date? = nil) {
        let now = now ?? clock.now()
        release(address: address, user: user)
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
        release(address: address, user: user)
        state.withValue { strikes in
            strikes[Self.key("address", address)] = nil
            strikes[Self.key("user", user)] = nil
        }
    }

    private static func key(_ kind: String, _ value: String) -> String { kind + ":" + value.lowercased() }
}
