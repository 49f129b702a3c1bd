import Foundation

/// Short-lived, single-use tickets that let a browser's `EventSource` (which cannot send headers) open the event
/// stream without putting a credential in a URL. A ticket carries the principal that asked for it, so a stream
/// opened with it has exactly that principal's access; outstanding tickets are bounded per credential and in all.
public final class EventTickets: Sendable {
    private struct Issued: Sendable {
        var expiry: Date
        var principal: Principal?
    }

    /// How long a ticket is valid.
    public let lifetime: TimeInterval
    /// Unused tickets one credential may hold at once.
    public let perCredential: Int
    /// Unused tickets in all.
    public let total: Int
    private let issued = LockedValue<[String: Issued]>([:])
    private let clock: any WorkspaceClock

    /// Tickets valid for `lifetime` seconds; at most `perCredential` outstanding for one credential, `total` in all.
    public init(lifetime: TimeInterval = 60, perCredential: Int = 32, total: Int = 1_024, clock: any WorkspaceClock = SystemClock()) {
        self.clock = clock
        self.lifetime = lifetime
        self.perCredential = perCredential
        self.total = total
    }

    /// A new ticket for `principal` and when it expires; throws ``WorkspaceError/rateLimited(retryAfterSeconds:)``
    /// when that credential (or everyone together) already holds as many unused tickets as allowed.
    public func issue(for principal: Principal? = nil, now: Date? = nil) throws -> (ticket: String, expiresAt: Date) {
        let now = now ?? clock.now()
        var generator = SystemRandomNumberGenerator()
        let ticket = (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
        let expiry = now.addingTimeInterval(lifetime)
        let accepted = issued.withValue { tickets -> Bool in
            tickets = tickets.filter { $0.value.expiry > now }
            let mine = tickets.values.filter { $0.principal?.credentialID == principal?.credentialID }.count
            guard mine < perCredential, tickets.count < total else { return false }
            tickets[ticket] = Issued(expiry: expiry, principal: principal)
            return true
        }
        guard accepted else { throw WorkspaceError.rateLimited(retryAfterSeconds: Int(lifetime.rounded(.up))) }
        return (ticket, expiry)
    }

    /// Whether `ticket` is valid now; it is used up either way.
    public func redeem(_ ticket: String, now: Date? = nil) -> Bool {
        redeemed(ticket, now: now) != nil
    }

    /// Uses up `ticket`: the principal it was issued for (`.some(nil)` for an anonymous ticket), or `nil` when it is
    /// unknown, used or expired.
    public func redeemed(_ ticket: String, now: Date? = nil) -> Principal?? {
        let now = now ?? clock.now()
        return issued.withValue { tickets in
            guard let entry = tickets.removeValue(forKey: ticket), entry.expiry > now else { return nil }
            return .some(entry.principal)
        }
    }
}
