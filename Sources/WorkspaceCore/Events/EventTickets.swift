import Foundation

/// Short-lived, single-use tickets that let a browser's `EventSource` (which cannot send headers) open the event
/// stream without putting the long-lived API token in a URL.
public final class EventTickets: Sendable {
    /// How long a ticket is valid.
    public let lifetime: TimeInterval
    private let issued = LockedValue<[String: Date]>([:])

    /// Tickets valid for `lifetime` seconds.
    public init(lifetime: TimeInterval = 60) {
        self.lifetime = lifetime
    }

    /// A new ticket and when it expires.
    public func issue(now: Date = Date()) -> (ticket: String, expiresAt: Date) {
        var generator = SystemRandomNumberGenerator()
        let ticket = (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
        let expiry = now.addingTimeInterval(lifetime)
        issued.withValue { tickets in
            tickets = tickets.filter { $0.value > now }
            tickets[ticket] = expiry
        }
        return (ticket, expiry)
    }

    /// Whether `ticket` is valid now; it is used up either way.
    public func redeem(_ ticket: String, now: Date = Date()) -> Bool {
        issued.withValue { tickets in
            guard let expiry = tickets.removeValue(forKey: ticket) else { return false }
            return expiry > now
        }
    }
}
