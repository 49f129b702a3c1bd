import Foundation

/// The paths of one Hermes Agent home folder (`HERMES_HOME`) and of the workspace's own state inside it.
///
/// Only knows where things are; reading and writing them is the job of the services.
public struct HermesHome: Sendable, Equatable {
    /// The home folder itself, standardized and absolute.
    public let root: URL

    /// Creates a home rooted at `root`.
    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// Resolves the home the way the agent does: an explicit path first, then `HERMES_HOME`, then `~/.hermes`.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> HermesHome {
        if let explicit, !explicit.isEmpty {
            return HermesHome(root: URL(fileURLWithPath: Self.expandTilde(explicit, environment: environment)))
        }
        if let fromEnvironment = environment["HERMES_HOME"]?.trimmingCharacters(in: .whitespaces), !fromEnvironment.isEmpty {
            return HermesHome(root: URL(fileURLWithPath: Self.expandTilde(fromEnvironment, environment: environment)))
        }
        let userHome = environment["HOME"] ?? NSHomeDirectory()
        return HermesHome(root: URL(fileURLWithPath: userHome).appendingPathComponent(".hermes"))
    }

    private static func expandTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let userHome = environment["HOME"] ?? NSHomeDirectory()
        return userHome + path.dropFirst()
    }

    /// Whether the home folder exists and is a directory.
    public var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The home path as a string.
    public var path: String { root.path }

    /// `config.yaml`, the user's settings.
    public var configFile: URL { root.appendingPathComponent("config.yaml") }
    /// `.env`, the API keys and env-style settings.
    public var envFile: URL { root.appendingPathComponent(".env") }
    /// `state.db`, the agent's SQLite database.
    public var stateDatabase: URL { root.appendingPathComponent("state.db") }
    /// `logs/`, the agent's log folder.
    public var logsDirectory: URL { root.appendingPathComponent("logs") }
    /// `skills/`, the installed skills.
    public var skillsDirectory: URL { root.appendingPathComponent("skills") }
    /// `cron/`, the scheduler's folder.
    public var cronDirectory: URL { root.appendingPathComponent("cron") }
    /// `cron/jobs.json`, the scheduled jobs.
    public var cronJobsFile: URL { cronDirectory.appendingPathComponent("jobs.json") }
    /// `cron/ticker_heartbeat`, the epoch the gateway's cron ticker last woke.
    public var cronTickerHeartbeat: URL { cronDirectory.appendingPathComponent("ticker_heartbeat") }
    /// `gateway.pid`, written by the gateway when it starts.
    public var gatewayPIDFile: URL { root.appendingPathComponent("gateway.pid") }
    /// `gateway.lock`, flocked by the gateway for its whole life.
    public var gatewayLockFile: URL { root.appendingPathComponent("gateway.lock") }
    /// `gateway_state.json`, the gateway's last reported state.
    public var gatewayStateFile: URL { root.appendingPathComponent("gateway_state.json") }
    /// `workspace/`, the workspace's own state (never touched by the agent).
    public var workspaceDirectory: URL { root.appendingPathComponent("workspace") }
    /// `workspace/token`, the API token.
    public var tokenFile: URL { workspaceDirectory.appendingPathComponent("token") }
    /// `workspace/workspace.db`, the workspace's own SQLite database (audit trail).
    public var workspaceDatabase: URL { workspaceDirectory.appendingPathComponent("workspace.db") }
    /// `workspace/demo-home`, written by `hermes-workspace demo`: the page says every figure is made up.
    public var demoMarker: URL { workspaceDirectory.appendingPathComponent("demo-home") }
    /// `workspace/backups/`, earlier versions of `config.yaml` kept by the workspace.
    public var backupsDirectory: URL { workspaceDirectory.appendingPathComponent("backups") }

    /// Whether the agent treats this home as managed (package-managed installs refuse config and `.env` writes):
    /// `HERMES_MANAGED` set to anything but a false word, or a `.managed` file in the home.
    public func isManaged(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if let flag = environment["HERMES_MANAGED"]?.trimmingCharacters(in: .whitespaces).lowercased(), !flag.isEmpty,
            !["0", "false", "no", "off"].contains(flag)
        {
            return true
        }
        return FileManager.default.fileExists(atPath: root.appendingPathComponent(".managed").path)
    }
}
