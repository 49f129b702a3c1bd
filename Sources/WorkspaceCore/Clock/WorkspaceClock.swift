import Foundation

/// Where the services read the time. The composition passes one clock to every service that stamps, expires or
/// throttles, so a test can hold time still (``ManualClock``) instead of racing the wall clock.
public protocol WorkspaceClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The wall clock.
public struct SystemClock: WorkspaceClock {
    /// The wall clock.
    public init() {}

    /// `Date()`.
    public func now() -> Date { Date() }
}

/// A clock that moves only when told to: for tests that must not depend on how fast the machine is.
public final class ManualClock: WorkspaceClock {
    private let current: LockedValue<Date>

    /// A clock standing at `start`.
    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = LockedValue(start)
    }

    /// The time it stands at.
    public func now() -> Date { current.value }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        current.withValue { $0 = $0.addingTimeInterval(seconds) }
    }
}
