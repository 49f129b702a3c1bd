import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Counts changes to the files of one home, per area, so an answer computed from them can be kept until one of
/// them changes — without a `stat` per file per request.
///
/// The kernel queues an inotify event before the write, rename or unlink that caused it returns, so draining the
/// queue when an answer is asked for (one non-blocking `read` when nothing happened) sees every change made
/// before the request: a kept answer is never older than the files. The watcher thread of ``HomeChangeFeed`` has
/// its own queue; this one is only read on demand. Where inotify cannot be used (another OS, the watch limit
/// reached, a folder it cannot read) ``generation(_:)`` answers `nil` and callers compute the answer as before.
public final class HomeChanges: Sendable {
    /// What an answer may depend on.
    public enum Area: Int, Sendable, CaseIterable {
        /// `config.yaml`.
        case config
        /// `.env`, and `.managed` (which makes it read-only).
        case env
        /// `cron/jobs.json`.
        case cron
        /// Everything under `skills/`.
        case skills
        /// Everything in `logs/`.
        case logs
        /// The workspace's own database and the older `auth.json` in `workspace/`.
        case workspace
    }

    private struct Watch: Sendable {
        var path: String
        /// The area of everything in this folder; nil for the home's own folder, whose files are told apart by name.
        var area: Area?
    }

    private struct State: Sendable {
        var descriptor: Int32 = -1
        var started = false
        var watches: [Int32: Watch] = [:]
        var counts = Array(repeating: UInt64(0), count: Area.allCases.count)
        /// Areas whose folders are not (all) watched: missing for now, or past the kernel's watch limit.
        var unwatched: Set<Area> = []
        var failed = false
    }

    /// Folders deeper than this under `skills/` are not watched (``SkillsRegistry`` looks no deeper).
    static let skillsDepth = SkillsRegistry.scanDepth
    /// At most this many folders are watched for one home; beyond it the skills area is read as before.
    static let watchBudget = 4_096

    private let root: URL
    private let state = LockedValue(State())

    /// Counts changes under `home` (nothing is watched until the first question).
    public init(home: HermesHome) {
        root = home.root.standardizedFileURL
    }

    private struct Weak: @unchecked Sendable {
        weak var changes: HomeChanges?
    }

    private static let shared = LockedValue<[String: Weak]>([:])

    /// The counter of `home` that every part of this process reading it shares (one inotify instance per home:
    /// the kernel allows a user 128).
    public static func of(_ home: HermesHome) -> HomeChanges {
        let root = home.root.standardizedFileURL.path
        return shared.withValue { shared in
            if let kept = shared[root]?.changes { return kept }
            shared = shared.filter { $0.value.changes != nil }
            let made = HomeChanges(home: home)
            shared[root] = Weak(changes: made)
            return made
        }
    }

    deinit {
        let descriptor = state.value.descriptor
        if descriptor >= 0 { close(descriptor) }
    }

    /// A number that changes whenever a file of `areas` may have changed since it was last asked for; `nil` when
    /// those areas cannot be watched here.
    public func generation(_ areas: [Area]) -> UInt64? {
        state.withValue { state -> UInt64? in
            if !state.started { start(&state) }
            guard !state.failed else { return nil }
            drain(&state)
            guard areas.allSatisfy({ !state.unwatched.contains($0) }) else { return nil }
            return areas.reduce(0) { $0 &+ state.counts[$1.rawValue] }
        }
    }

    private static let mask = UInt32(
        IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    private func start(_ state: inout State) {
        state.started = true
        #if canImport(Glibc)
        state.descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        #endif
        guard state.descriptor >= 0, add(root.path, area: nil, to: &state) else {
            state.failed = true
            return
        }
        for area in Self.folderAreas { watchFolder(of: area, in: &state) }
    }

    /// The areas that are a folder of the home (the others are files in the home's own folder).
    private static let folderAreas: [Area] = [.cron, .skills, .logs, .workspace]

    private static func folderName(of area: Area) -> String? {
        switch area {
        case .cron: "cron"
        case .skills: "skills"
        case .logs: "logs"
        case .workspace: "workspace"
        case .config, .env: nil
        }
    }

    private func folder(of area: Area) -> String? {
        Self.folderName(of: area).map { root.appendingPathComponent($0).path }
    }

    /// The files of a folder area that count; nil for all of them.
    private static func names(of area: Area) -> Set<String>? {
        switch area {
        case .cron: ["jobs.json"]
        case .workspace: ["workspace.db", "workspace.db-journal", "workspace.db-wal", "auth.json"]
        default: nil
        }
    }

    /// Watches `area`'s folder (and, for skills, the folders under it), or marks the area unwatched.
    private func watchFolder(of area: Area, in state: inout State) {
        guard let path = folder(of: area) else { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            // Not there yet: its creation shows in the home's folder, and until then nothing in it can change.
            state.unwatched.remove(area)
            return
        }
        if add(path, area: area, to: &state) {
            state.unwatched.remove(area)
            if area == .skills, !addTree(under: path, depth: 1, in: &state) { state.unwatched.insert(.skills) }
        } else {
            state.unwatched.insert(area)
        }
    }

    private func add(_ path: String, area: Area?, to state: inout State) -> Bool {
        guard state.watches.count < Self.watchBudget else { return false }
        let watch = inotify_add_watch(state.descriptor, path, Self.mask)
        guard watch >= 0 else { return false }
        state.watches[watch] = Watch(path: path, area: area)
        return true
    }

    /// Watches the folders under `path` down to ``skillsDepth``; false when one could not be watched.
    private func addTree(under path: String, depth: Int, in state: inout State) -> Bool {
        guard depth <= Self.skillsDepth, let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return true }
        for name in names where Self.isWatchedSkillsFolder(name) {
            let child = path + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            guard add(child, area: .skills, to: &state), addTree(under: child, depth: depth + 1, in: &state) else { return false }
        }
        return true
    }

    private func drain(_ state: inout State) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(state.descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            var offset = 0
            while offset + 16 <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { bytes in
                    (
                        bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self), bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                        Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    )
                }
                let nameBytes = buffer[(offset + 16)..<min(offset + 16 + length, count)].prefix { $0 != 0 }
                handle(watch: watch, mask: mask, name: String(decoding: nameBytes, as: UTF8.self), in: &state)
                offset += 16 + length
            }
        }
    }

    private func handle(watch: Int32, mask: UInt32, name: String, in state: inout State) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            for area in Area.allCases { state.counts[area.rawValue] &+= 1 }
            return
        }
        guard let watched = state.watches[watch] else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            state.watches[watch] = nil
            return
        }
        guard let area = watched.area else {
            let named: Area? =
                switch name {
                case "config.yaml": .config
                case ".env", ".managed": .env
                default: Self.folderAreas.first { Self.folderName(of: $0) == name }
                }
            guard let named else { return }
            state.counts[named.rawValue] &+= 1
            if Self.folderAreas.contains(named), mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { watchFolder(of: named, in: &state) }
            return
        }
        if let names = Self.names(of: area), !name.isEmpty, !names.contains(name) { return }
        state.counts[area.rawValue] &+= 1
        if area == .skills, mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, Self.isWatchedSkillsFolder(name) {
            let child = watched.path + "/" + name
            let depth = child.dropFirst(root.path.count + "/skills".count).split(separator: "/").count
            if depth <= Self.skillsDepth, !(add(child, area: .skills, to: &state) && addTree(under: child, depth: depth + 1, in: &state)) {
                state.unwatched.insert(.skills)
            }
        }
    }

    /// Whether the registry reads a folder so named (`.hub` holds the hub's lock file).
    private static func isWatchedSkillsFolder(_ name: String) -> Bool {
        name == ".hub" || (!name.hasPrefix(".") && !SkillsRegistry.skippedFolders.contains(name))
    }
}
