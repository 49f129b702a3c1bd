/// Values kept for one epoch of a ``SessionMirror``: all are dropped when a read sees another epoch.
final class EpochCache: Sendable {
    /// The most values one epoch keeps (windows of three reports); the oldest half goes when it is reached.
    static let capacity = 64

    private let state = LockedValue<(epoch: Int, values: [String: any Sendable], order: [String])>((-1, [:], []))

    /// The value for `key` in `epoch`, computed by `compute` when this epoch has none yet.
    func value<T: Sendable>(epoch: Int, key: String, compute: () throws -> T) rethrows -> T {
        let kept = state.withValue { state -> T? in
            if state.epoch != epoch { state = (epoch, [:], []) }
            return state.values[key] as? T
        }
        if let kept { return kept }
        let value = try compute()
        state.withValue { state in
            guard state.epoch == epoch, state.values[key] == nil else { return }
            if state.order.count >= Self.capacity {
                for old in state.order.prefix(Self.capacity / 2) { state.values[old] = nil }
                state.order.removeFirst(Self.capacity / 2)
            }
            state.values[key] = value
            state.order.append(key)
        }
        return value
    }
}
