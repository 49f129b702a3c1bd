import Foundation

/// Runs blocking work (a long file scan, waiting for the agent's lock, a cron job's child process) on its own
/// Dispatch thread, so it never holds an event-loop or Swift concurrency thread. Each call gets a fresh serial queue:
/// those are overcommitting, so a few long blockers (a ten-minute cron run) cannot starve the rest the way they
/// would on the global concurrent queue, whose width on Linux is the number of cores.
public func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue(label: "hermes-workspace.offloaded", qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
    }
}
