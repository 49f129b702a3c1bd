import Foundation

extension AuditLog {
    /// Runs blocking `work` off the pool and records it — refusals too, with why — as `action` on `target` (or on
    /// the target `result` names, e.g. a created job's id), for `actor`.
    public func recording<T: Sendable>(
        _ action: AuditAction, target: String, actor: AuditActor?,
        resultTarget: @Sendable (T) -> String? = { _ in nil },
        _ work: @escaping @Sendable () throws -> T
    ) async throws -> T {
        do {
            let result = try await offloaded(work)
            try? await record(AuditEvent(action: action, target: resultTarget(result) ?? target, actor: actor))
            return result
        } catch {
            try? await record(
                AuditEvent(
                    action: action, target: target, outcome: .refused, summary: String(describing: error).prefix(200).description, actor: actor))
            throw error
        }
    }
}
