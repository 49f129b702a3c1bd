import Foundation

/// A value guarded by a lock, for the few places where a synchronous, thread-safe cache is the right tool.
public final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    /// Wraps `initial`.
    public init(_ initial: Value) {
        self.stored = initial
    }

    /// The current value; reads and writes are atomic.
    public var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    /// Reads and changes the value in one critical section.
    public func withValue<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try lock.withLock { try body(&stored) }
    }
}
