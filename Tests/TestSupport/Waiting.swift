import Foundation

/// Waits until `condition` holds or `seconds` pass, checking every 50 ms; returns whether it held. Tests wait on
/// the thing they need, never for a fixed time.
@discardableResult
public func waitUntil(seconds: Double, _ condition: @Sendable () throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try condition()
}
