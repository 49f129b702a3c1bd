import Foundation

/// Whether the running gateway is older than what it reads at start: `config.yaml`, `.env`, the skills and the
/// plugins. The agent loads them once, so a change after the gateway started takes effect only after a restart.
public struct RestartCheck: Sendable {
    /// What changed after the gateway started.
    public struct Report: Sendable, Codable, Equatable {
        /// When the running gateway started.
        public var gatewayStartedAt: Date
        /// The changed files, newest first (paths relative to the home).
        public var changed: [Change]
    }

    /// One changed file.
    public struct Change: Sendable, Codable, Equatable {
        /// Its path relative to the home (`config.yaml`, `skills/devops/deploy/SKILL.md`).
        public var path: String
        /// When it changed.
        public var changedAt: Date
    }

    private let home: HermesHome
    /// Entries looked at under `skills/` and `plugins/` at most (a huge tree is cut, not walked).
    public var maximumEntries = 4_000

    /// Checks `home`.
    public init(home: HermesHome) { self.home = home }

    /// What changed after `startedAt` (nil when nothing did).
    public func report(gatewayStartedAt startedAt: Date) -> Report? {
        var changes: [Change] = []
        // One second of slack: a save in the same second as the start was read by it.
        let threshold = startedAt.addingTimeInterval(1)
        for file in [home.configFile, home.envFile] {
            if let date = modified(file), date > threshold { changes.append(Change(path: file.lastPathComponent, changedAt: date)) }
        }
        var budget = maximumEntries
        for folder in [home.skillsDirectory, home.root.appendingPathComponent("plugins")] {
            walk(folder, depth: 0, threshold: threshold, budget: &budget, into: &changes)
        }
        guard !changes.isEmpty else { return nil }
        return Report(gatewayStartedAt: startedAt, changed: Array(changes.sorted { $0.changedAt > $1.changedAt }.prefix(20)))
    }

    /// The files that define a skill or a plugin, four levels deep. Folder times are not used: the agent's own
    /// sidecars (`skills/.usage.json`, curator state) are rewritten beside them while it runs.
    private func walk(_ folder: URL, depth: Int, threshold: Date, budget: inout Int, into changes: inout [Change]) {
        guard depth <= 3, budget > 0 else { return }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where !name.hasPrefix(".") {
            budget -= 1
            if budget <= 0 { return }
            let entry = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: entry.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                walk(entry, depth: depth + 1, threshold: threshold, budget: &budget, into: &changes)
            } else if ["SKILL.md", "plugin.yaml", "__init__.py"].contains(name), let changed = modified(entry), changed > threshold {
                changes.append(Change(path: relative(entry), changedAt: changed))
            }
        }
    }

    private func relative(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let prefix = home.root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    private func modified(_ url: URL) -> Date? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
    }
}
