import Foundation
import Yams

/// The time zone the agent works in, resolved as it does: `HERMES_TIMEZONE` (process environment, then `.env`),
/// else `timezone` in `config.yaml`, else the server's own zone. Invalid names fall back to the server's zone.
public struct AgentTimeZone: Sendable {
    private let home: HermesHome
    private let environment: [String: String]
    /// `config.yaml` and `.env`, whose signatures are checked on every call.
    private let paths: (config: String, env: String)
    private let cache = LockedValue<(config: FileSignature?, env: FileSignature?, zone: TimeZone)?>(nil)

    /// Resolves for `home`.
    public init(home: HermesHome, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.home = home
        self.environment = environment
        paths = (home.configFile.path, home.envFile.path)
    }

    /// The zone now (re-read only when `config.yaml` or `.env` changes).
    public var current: TimeZone {
        if let name = environment["HERMES_TIMEZONE"], let zone = Self.zone(named: name) { return zone }
        let config = FileSignature(path: paths.config)
        let env = FileSignature(path: paths.env)
        if let cached = cache.value, cached.config == config, cached.env == env { return cached.zone }
        let fromEnv = DotEnvReader().values(at: home.envFile)["HERMES_TIMEZONE"].flatMap(Self.zone(named:))
        let zone = fromEnv ?? Self.configured(in: home.configFile) ?? .current
        cache.value = (config, env, zone)
        return zone
    }

    private static func configured(in url: URL) -> TimeZone? {
        guard let text = try? String(contentsOf: url, encoding: .utf8),
            let document = try? Yams.load(yaml: text) as? [String: Any],
            let name = document["timezone"] as? String
        else { return nil }
        return zone(named: name)
    }

    private static func zone(named name: String) -> TimeZone? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : TimeZone(identifier: trimmed)
    }
}
