/// Keeps the last result of an expensive measurement for a short while and lets concurrent callers share
/// one measurement in flight, so a page polled by many clients costs at most one measurement per interval.
public actor RecentValue<Value: Sendable> {
    private let lifetime: Duration
    private let measure: @Sendable () async -> Value
    private var cached: (at: ContinuousClock.Instant, value: Value)?
    private var inFlight: Task<Value, Never>?

    /// Creates a cache whose values are reused for `lifetime`.
    public init(lifetime: Duration, measure: @escaping @Sendable () async -> Value) {
        self.lifetime = lifetime
        self.measure = measure
    }

    /// The cached value while it is fresh, otherwise a new measurement.
    public func value() async -> Value {
        if let cached, cached.at.duration(to: .now) < lifetime { return cached.value }
        if let inFlight { return await inFlight.value }
        let task = Task { await measure() }
        inFlight = task
        let value = await task.value
        cached = (.now, value)
        inFlight = nil
        return value
    }
}
