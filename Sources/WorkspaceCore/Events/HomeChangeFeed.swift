import Foundation

/// Publishes an event whenever one of the agent's files that open pages show changes on disk — whoever changed
/// it (the agent, a person with an editor, or this workspace).
public struct HomeChangeFeed: Sendable {
    private let home: HermesHome
    private let bus: EventBus
    private let watcher: FileChangeWatcher

    /// The feed for `home` into `bus`.
    public init(home: HermesHome, bus: EventBus, pollInterval: TimeInterval = 2, allowInotify: Bool = true) {
        self.home = home
        self.bus = bus
        watcher = FileChangeWatcher(
            files: [home.configFile, home.envFile, home.cronJobsFile, home.gatewayStateFile, home.gatewayPIDFile],
            pollInterval: pollInterval, allowInotify: allowInotify)
    }

    /// Watches until cancelled.
    public func run() async {
        let home = home
        let bus = bus
        await watcher.run { changed in
            for file in changed { Self.publish(file, home: home, bus: bus) }
        }
    }

    private static func publish(_ file: URL, home: HermesHome, bus: EventBus) {
        switch file.lastPathComponent {
        case home.configFile.lastPathComponent:
            let text = FileManager.default.contents(atPath: file.path).map { String(decoding: $0, as: UTF8.self) }
            bus.publish(.configChanged, .object(["etag": .optional(text.map(ConfigSnapshot.etag(of:))), "exists": .bool(text != nil)]))
        case home.envFile.lastPathComponent:
            bus.publish(.envChanged)
        case home.cronJobsFile.lastPathComponent:
            bus.publish(.cronJobsChanged)
        default:
            bus.publish(.gatewayChanged, .object(["file": .string(file.lastPathComponent)]))
        }
    }
}
