import Foundation

/// Runs blocking work (a long file scan, waiting for the agent's lock) on a Dispatch thread, so it never holds an
/// event-loop or Swift concurrency thread.
public func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
    }
}
