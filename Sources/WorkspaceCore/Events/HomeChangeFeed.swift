import Foundation

/// Publishes an event whenever one of the agent's files that open pages show changes on disk — whoever changed
/// it (the agent, a person with an editor, or this workspace).
public struct HomeChangeFeed: Sendable {
    private let home: HermesHome
    private let bus: EventBus
    private let profile: String?
    private let watcher: FileChangeWatcher

    /// The feed for `home` into `bus`; a named `profile`'s events carry its name (`"profile"` in their data).
    public init(home: HermesHome, bus: EventBus, profile: ProfileName = .default, pollInterval: TimeInterval = 2, allowInotify: Bool = true) {
        self.home = home
        self.bus = bus
        self.profile = profile.isDefault ? nil : profile.rawValue
        watcher = FileChangeWatcher(
            files: [
                home.configFile, home.envFile, home.cronJobsFile, home.gatewayStateFile, home.gatewayPIDFile,
                home.root.appendingPathComponent("memories/MEMORY.md"), home.root.appendingPathComponent("memories/USER.md"),
                home.root.appendingPathComponent("webhook_subscriptions.json"),
            ],
            pollInterval: pollInterval, allowInotify: allowInotify)
    }

    /// Watches until cancelled.
    public func run() async {
        let (home, bus, profile) = (home, bus, profile)
        await watcher.run { changed in
            for file in changed { Self.publish(file, home: home, bus: bus, profile: profile) }
        }
    }

    private static func publish(_ file: URL, home: HermesHome, bus: EventBus, profile: String?) {
        let named: [OrderedJSON.Member] = profile.map { [OrderedJSON.Member("profile", .string($0))] } ?? []
        switch file.lastPathComponent {
        case home.configFile.lastPathComponent:
            let text = FileManager.default.contents(atPath: file.path).map { String(decoding: $0, as: UTF8.self) }
            bus.publish(
                .configChanged,
                .object(
                    [OrderedJSON.Member("etag", .optional(text.map(ConfigSnapshot.etag(of:)))), OrderedJSON.Member("exists", .bool(text != nil))]
                        + named))
        case home.envFile.lastPathComponent:
            bus.publish(.envChanged, .object(named))
        case home.cronJobsFile.lastPathComponent:
            bus.publish(.cronJobsChanged, .object(named))
        case "MEMORY.md", "USER.md":
            bus.publish(
                .memoryChanged, .object([OrderedJSON.Member("target", .string(file.lastPathComponent == "USER.md" ? "user" : "memory"))] + named))
        case "webhook_subscriptions.json":
            bus.publish(.webhooksChanged, .object(named))
        default:
            bus.publish(.gatewayChanged, .object([OrderedJSON.Member("file", .string(file.lastPathComponent))] + named))
        }
    }
}
