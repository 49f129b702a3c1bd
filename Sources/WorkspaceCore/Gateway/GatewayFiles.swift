import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The identity record in `gateway.pid` / `gateway.lock` (JSON, or a bare integer in the legacy form).
public struct GatewayProcessRecord: Sendable, Equatable {
    /// The recorded pid.
    public var pid: Int
    /// The recorded start time in ticks since boot, absent in the legacy form.
    public var startTicks: UInt64?
}

/// The parts of `gateway_state.json` the workspace shows.
public struct GatewayStateFile: Sendable, Equatable {
    /// The gateway's own pid.
    public var record: GatewayProcessRecord?
    /// `starting`, `running`, `degraded`, `draining`, `stopped`, `startup_failed`.
    public var state: String?
    /// Why it exited.
    public var exitReason: String?
    /// Running conversations.
    public var activeAgents: Int
    /// Per-platform state, sorted by name.
    public var platforms: [PlatformStatus]
    /// Last write time (ISO).
    public var updatedAt: String?

    /// Whether the file says a gateway is (or is becoming) alive; only a live process can confirm it.
    public var claimsAlive: Bool {
        guard let state else { return false }
        return state != "stopped" && state != "startup_failed"
    }
}

/// Reads the gateway's files without ever writing or deleting them.
public struct GatewayFiles: Sendable {
    private let home: HermesHome

    /// Creates a reader for `home`.
    public init(home: HermesHome) {
        self.home = home
    }

    /// Whether some process holds the gateway's flock. The probe lock, when it succeeds, is released at once.
    public func lockIsHeld() -> Bool {
        let descriptor = open(home.gatewayLockFile.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }

    /// The record in `gateway.pid`, falling back to `gateway.lock`.
    public func processRecord() -> GatewayProcessRecord? {
        Self.parseRecord(at: home.gatewayPIDFile) ?? Self.parseRecord(at: home.gatewayLockFile)
    }

    /// Whether `gateway.pid` exists.
    public var pidFileExists: Bool {
        FileManager.default.fileExists(atPath: home.gatewayPIDFile.path)
    }

    /// The parsed `gateway_state.json`; `nil` when absent, a thrown message when unreadable.
    public func stateFile() throws -> GatewayStateFile? {
        guard let data = FileManager.default.contents(atPath: home.gatewayStateFile.path) else { return nil }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw WorkspaceError.invalidInput("gateway_state.json is not a JSON object")
        }
        let platforms = (object["platforms"] as? [String: Any] ?? [:]).compactMap { name, value -> PlatformStatus? in
            guard let entry = value as? [String: Any] else { return nil }
            let state = entry["state"] as? String ?? "unknown"
            return PlatformStatus(
                name: name, state: state,
                errorCode: entry["error_code"] as? String, errorMessage: entry["error_message"] as? String,
                updatedAt: entry["updated_at"] as? String,
                healthy: state == "connected")
        }.sorted { $0.name < $1.name }
        let activeAgents = max(0, (object["active_agents"] as? NSNumber)?.intValue ?? 0)
        return GatewayStateFile(
            record: Self.record(from: object), state: object["gateway_state"] as? String,
            exitReason: object["exit_reason"] as? String, activeAgents: activeAgents,
            platforms: platforms, updatedAt: object["updated_at"] as? String)
    }

    private static func parseRecord(at url: URL) -> GatewayProcessRecord? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if let pid = Int(text) { return GatewayProcessRecord(pid: pid, startTicks: nil) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return nil }
        return record(from: object)
    }

    private static func record(from object: [String: Any]) -> GatewayProcessRecord? {
        guard let pid = (object["pid"] as? NSNumber)?.intValue, pid > 0 else { return nil }
        return GatewayProcessRecord(pid: pid, startTicks: (object["start_time"] as? NSNumber)?.uint64Value)
    }
}
