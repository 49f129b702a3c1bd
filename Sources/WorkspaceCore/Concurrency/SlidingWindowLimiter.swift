import Foundation

/// Allows at most `limit` events per `window` for each key (a client address), counting the events themselves.
public final class SlidingWindowLimiter: Sendable {
    private let limit: Int
    private let window: TimeInterval
    private let events = LockedValue<[String: [Date]]>([:])

    /// A limiter for `limit` events per `window` seconds.
    public init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Counts one event for `key`, or throws ``WorkspaceError/rateLimited(retryAfterSeconds:)`` when over the limit.
    public func admit(_ key: String, now: Date = Date()) throws {
        try events.withValue { events in
            let recent = (events[key] ?? []).filter { now.timeIntervalSince($0) < window }
            if recent.count >= limit {
                events[key] = recent
                throw WorkspaceError.rateLimited(retryAfterSeconds: max(1, Int((window - now.timeIntervalSince(recent[0])).rounded(.up))))
            }
            events[key] = recent + [now]
            if events.count > 10_000 { events = events.filter { $0.value.contains { now.timeIntervalSince($0) < window } } }
        }
    }
}
