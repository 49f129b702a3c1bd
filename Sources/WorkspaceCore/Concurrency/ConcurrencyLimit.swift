/// Counts holders of a scarce resource (open log streams) and refuses more than `limit` at once.
public final class ConcurrencyLimit: Sendable {
    private let limit: Int
    private let holders = LockedValue(0)

    /// Allows `limit` holders.
    public init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot, or throws ``WorkspaceError/rateLimited(retryAfterSeconds:)`` when all are taken.
    public func acquire() throws {
        try holders.withValue { count in
            guard count < limit else { throw WorkspaceError.rateLimited(retryAfterSeconds: 10) }
            count += 1
        }
    }

    /// Slots taken now.
    public var inUse: Int { holders.value }

    /// Gives a slot back.
    public func release() {
        holders.withValue { $0 = max(0, $0 - 1) }
    }
}
