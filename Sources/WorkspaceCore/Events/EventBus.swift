import Foundation

/// Fans events out to the open event streams and keeps the most recent ones so a reconnecting client can resume
/// after the last id it saw. The number of streams is bounded.
public final class EventBus: Sendable {
    /// A stream's view of the bus.
    public struct Subscription: Sendable {
        /// Kept events after the requested id.
        public var replay: [WorkspaceEvent]
        /// Whether events after the requested id were already dropped from the buffer (the client should reload).
        public var missedSome: Bool
        /// New events as they are published.
        public var events: AsyncStream<WorkspaceEvent>
        /// Ends the subscription.
        public var cancel: @Sendable () -> Void
    }

    private struct State {
        var nextID: Int64 = 1
        var recent: [WorkspaceEvent] = []
        var listeners: [UUID: AsyncStream<WorkspaceEvent>.Continuation] = [:]
        var closed = false
    }

    /// Events kept for resumption.
    public let capacity: Int
    /// Streams allowed at once.
    public let maximumListeners: Int
    private let state = LockedValue(State())

    /// A bus keeping `capacity` events for at most `maximumListeners` streams.
    public init(capacity: Int = 256, maximumListeners: Int = 64) {
        self.capacity = capacity
        self.maximumListeners = maximumListeners
    }

    /// Publishes an event to every stream.
    @discardableResult
    public func publish(_ kind: EventKind, _ data: OrderedJSON = .object([]), at date: Date = Date()) -> WorkspaceEvent {
        state.withValue { state in
            let event = WorkspaceEvent(id: state.nextID, kind: kind, at: date, data: data)
            state.nextID += 1
            state.recent.append(event)
            if state.recent.count > capacity { state.recent.removeFirst(state.recent.count - capacity) }
            for listener in state.listeners.values { listener.yield(event) }
            return event
        }
    }

    /// Opens a stream; with `lastEventID`, the kept events after it come first.
    public func subscribe(after lastEventID: Int64?) throws -> Subscription {
        let key = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: WorkspaceEvent.self, bufferingPolicy: .bufferingNewest(capacity))
        let (replay, missed) = try state.withValue { state -> ([WorkspaceEvent], Bool) in
            guard state.listeners.count < maximumListeners else { throw WorkspaceError.rateLimited(retryAfterSeconds: 5) }
            state.listeners[key] = continuation
            guard let lastEventID else { return ([], false) }
            let replay = state.recent.filter { $0.id > lastEventID }
            let oldestKept = state.recent.first?.id ?? state.nextID
            // An id from the future means the server restarted since: the client cannot know what it missed.
            return (replay, lastEventID >= state.nextID || lastEventID + 1 < oldestKept)
        }
        // Finishing runs `onTermination`, which cancels again: so finish outside the lock.
        let cancel: @Sendable () -> Void = { [state] in
            state.withValue { $0.listeners.removeValue(forKey: key) }?.finish()
        }
        continuation.onTermination = { _ in cancel() }
        return Subscription(replay: replay, missedSome: missed, events: stream, cancel: cancel)
    }

    /// Ends every open stream (the server is stopping); clients reconnect and resume by id.
    public func finishAll() {
        let listeners = state.withValue { state in
            state.closed = true
            defer { state.listeners.removeAll() }
            return Array(state.listeners.values)
        }
        for listener in listeners { listener.finish() }
    }

    /// Whether the server is stopping (other long-lived streams end when they see this).
    public var isClosed: Bool { state.withValue { $0.closed } }

    /// Streams open now.
    public var listenerCount: Int { state.withValue { $0.listeners.count } }
}
