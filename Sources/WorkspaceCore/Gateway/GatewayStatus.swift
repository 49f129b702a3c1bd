import Foundation

/// What the workspace knows about the gateway process of a home: whether it lives, and what it last reported.
public struct GatewayStatus: Sendable, Codable, Equatable {
    /// Whether a gateway process is verified alive.
    public enum Liveness: String, Sendable, Codable {
        /// A live process holds the gateway lock (or matches the state file) and looks like a gateway.
        case running
        /// No gateway files, or the gateway said it stopped.
        case stopped
        /// A pid file or state file names a process that is gone or is not a gateway.
        case stalePid = "stale-pid"
        /// The pid is not visible here, but the state file says it runs and its API server answers (or its lock is
        /// held): a gateway in another PID namespace (a container beside this one).
        case runningElsewhere = "running-elsewhere"
    }

    /// Verified liveness; never taken from the state file alone.
    public var liveness: Liveness
    /// The state to show: the reported `gateway_state` when running, otherwise `stopped` or `startup_failed`.
    public var state: String
    /// The state the gateway last wrote to `gateway_state.json`, even when it is no longer true.
    public var lastReportedState: String?
    /// The gateway's pid when known.
    public var pid: Int?
    /// When the live process started.
    public var startedAt: Date?
    /// Seconds since the live process started.
    public var uptimeSeconds: Double?
    /// Conversations the gateway reported as running.
    public var activeAgents: Int
    /// Why the gateway last exited, when it said so.
    public var exitReason: String?
    /// When `gateway_state.json` was last written by the gateway.
    public var updatedAt: String?
    /// Messaging platforms with their last reported connection state, sorted by name.
    public var platforms: [PlatformStatus]
    /// The OpenAI-compatible API server inside the gateway.
    public var apiServer: APIServerStatus
    /// The cron ticker inside the gateway.
    public var cronTicker: CronTickerStatus
    /// Problems found while reading the gateway files (unreadable JSON, …).
    public var warnings: [String]
    /// What changed in config.yaml, .env, skills or plugins after the running gateway started: it needs a restart
    /// to see it (nil when nothing did, or when it is not running). Filled in by ``StatusService``, whose answer is
    /// kept for a second, not by every liveness check.
    public var restartNeeded: RestartCheck.Report? = nil
}

/// One messaging platform's connection as the gateway reported it.
public struct PlatformStatus: Sendable, Codable, Equatable {
    /// Platform id (`telegram`, `discord`, `api_server`, …).
    public var name: String
    /// `connecting`, `connected`, `retrying`, `paused`, `fatal`, `disconnected`, …
    public var state: String
    /// Machine-readable error code, when the platform is in trouble.
    public var errorCode: String?
    /// Human error message, when the platform is in trouble.
    public var errorMessage: String?
    /// When the gateway last updated this platform.
    public var updatedAt: String?
    /// Whether the state means the platform is not working.
    public var healthy: Bool
}

/// Reachability of the gateway's API server on its local port.
public struct APIServerStatus: Sendable, Codable, Equatable {
    /// Whether `.env` enables the API server (`API_SERVER_ENABLED=true` or an `API_SERVER_KEY`).
    public var enabled: Bool
    /// The host it binds.
    public var host: String
    /// The port it listens on.
    public var port: Int
    /// Whether `GET /health` answered; `nil` when not probed (disabled, or not a local address).
    public var reachable: Bool?
    /// Round-trip time of the probe in milliseconds.
    public var latencyMilliseconds: Double?
    /// The agent version it reported.
    public var version: String?
    /// Why the probe failed.
    public var error: String?
}

/// Health of the gateway's cron ticker, from `cron/ticker_heartbeat`.
public struct CronTickerStatus: Sendable, Codable, Equatable {
    /// When the ticker last woke.
    public var heartbeatAt: Date?
    /// Seconds since the last heartbeat.
    public var heartbeatAgeSeconds: Double?
    /// Whether the heartbeat is older than the agent's own stall threshold (200 s).
    public var stale: Bool

    /// The age after which the agent itself calls its cron ticker stalled.
    public static let stallSeconds = 200.0

    /// Reads `home`'s `cron/ticker_heartbeat` now.
    public init(home: HermesHome, now: Date = Date()) {
        guard let data = FileManager.default.contents(atPath: home.cronTickerHeartbeat.path),
            let epoch = Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            self.init(heartbeatAt: nil, heartbeatAgeSeconds: nil, stale: true)
            return
        }
        let age = max(0, now.timeIntervalSince1970 - epoch)
        self.init(heartbeatAt: Date(timeIntervalSince1970: epoch), heartbeatAgeSeconds: age, stale: age > Self.stallSeconds)
    }

    /// A status with these values.
    public init(heartbeatAt: Date?, heartbeatAgeSeconds: Double?, stale: Bool) {
        self.heartbeatAt = heartbeatAt
        self.heartbeatAgeSeconds = heartbeatAgeSeconds
        self.stale = stale
    }
}
