import Foundation

/// Earlier versions of one of the agent's files (`config.yaml`, `MEMORY.md`, `SOUL.md`), one file each under
/// `workspace/backups/` named `<file>.<id>`, newest kept, oldest pruned.
public struct ConfigBackups: Sendable {
    /// How many versions are kept.
    public static let keep = 20

    /// One kept version.
    public struct Version: Sendable, Equatable {
        /// Its id: the UTC time it was replaced, e.g. `20261125T233012.345Z`.
        public var id: String
        /// When it was replaced.
        public var savedAt: Date
        /// Its size in bytes.
        public var size: Int
    }

    private let directory: URL
    private let writer = AtomicFileWriter(defaultMode: 0o600)
    private let prefix: String
    private static let idPattern = #"^[0-9]{8}T[0-9]{6}\.[0-9]{3}Z(-[0-9]+)?$"#

    /// Backups of `home`'s config.
    public init(home: HermesHome) {
        self.init(home: home, file: "config.yaml")
    }

    /// Backups of the file named `name` in `home` (`MEMORY.md`, `USER.md`, `SOUL.md`).
    public init(home: HermesHome, file name: String) {
        directory = home.backupsDirectory
        prefix = name + "."
    }

    /// Keeps `text` as the version replaced at `date`, with what replaced it (`change`, in a file beside it), then
    /// prunes to ``keep``.
    @discardableResult
    public func save(_ text: String, at date: Date = Date(), change: ConfigVersion.Change? = nil) throws -> Version {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let stamp = Self.formatter.string(from: date)
        var id = stamp
        var counter = 1
        while FileManager.default.fileExists(atPath: url(for: id).path) {
            id = "\(stamp)-\(counter)"
            counter += 1
        }
        try writer.write(Data(text.utf8), to: url(for: id))
        if let change, let data = try? JSONEncoder().encode(change) { try? writer.write(data, to: changeURL(for: id)) }
        for stale in try versions().dropFirst(Self.keep) {
            try? FileManager.default.removeItem(at: url(for: stale.id))
            try? FileManager.default.removeItem(at: changeURL(for: stale.id))
        }
        return Version(id: id, savedAt: date, size: text.utf8.count)
    }

    /// Every kept version, newest first.
    public func versions() throws -> [Version] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.compactMap { name -> Version? in
            guard name.hasPrefix(prefix) else { return nil }
            let id = String(name.dropFirst(prefix.count))
            guard Self.isValid(id), let date = Self.formatter.date(from: String(id.prefix(19))) else { return nil }
            let size = (try? FileManager.default.attributesOfItem(atPath: url(for: id).path)[.size] as? Int) ?? 0
            return Version(id: id, savedAt: date, size: size)
        }
        .sorted { ($0.savedAt, $0.id.count, $0.id) > ($1.savedAt, $1.id.count, $1.id) }
    }

    /// The text of version `id`; a malformed id is refused before any path is built from it.
    public func text(of id: String) throws -> String {
        guard Self.isValid(id), let data = FileManager.default.contents(atPath: url(for: id).path) else {
            throw WorkspaceError.notFound(what: "Config version \(id)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Every kept version, newest first, each with the diff to the version that replaced it (the newest to
    /// `current`, the file as it is now), its revision by `etag`, and what replaced it. `shown` is applied to both
    /// sides of each diff (secret masking for config.yaml).
    public func history(
        current: String, file name: String, etag: (String) -> String, shown: (String) -> String = { $0 }
    ) throws -> [ConfigVersion] {
        var newer = current
        var newerName = "\(name) (current)"
        return try versions().map { version in
            let text = (try? self.text(of: version.id)) ?? ""
            defer {
                newer = text
                newerName = "\(name)@\(version.id)"
            }
            return ConfigVersion(
                id: version.id, savedAt: version.savedAt, size: version.size, etag: etag(text),
                diff: LineDiff().unified(from: shown(text), to: shown(newer), beforeName: "\(name)@\(version.id)", afterName: newerName),
                change: change(of: version.id))
        }
    }

    /// What replaced version `id`, if it was recorded.
    public func change(of id: String) -> ConfigVersion.Change? {
        guard Self.isValid(id), let data = FileManager.default.contents(atPath: changeURL(for: id).path) else { return nil }
        return try? JSONDecoder().decode(ConfigVersion.Change.self, from: data)
    }

    private func url(for id: String) -> URL {
        directory.appendingPathComponent(prefix + id)
    }

    /// The note beside version `id` (its name never matches the version pattern, so it is not listed as one).
    private func changeURL(for id: String) -> URL {
        directory.appendingPathComponent(prefix + id + ".change.json")
    }

    private static func isValid(_ id: String) -> Bool {
        id.range(of: idPattern, options: .regularExpression) != nil
    }

    private static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        return formatter
    }()
}
