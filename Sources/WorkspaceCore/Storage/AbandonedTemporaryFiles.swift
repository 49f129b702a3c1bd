import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Temporary files that an ``AtomicFileWriter`` left behind because its process was killed between creating the file
/// and renaming it. The target was never touched, so they hold nothing anyone needs; their writer's process id is in
/// the name, so a file another live process is still writing is never taken.
public enum AbandonedTemporaryFiles {
    /// Removes abandoned temporary files from the folders the workspace writes in, and returns their paths.
    @discardableResult
    public static func remove(in home: HermesHome) -> [String] {
        let flat = [home.root, home.cronDirectory, home.workspaceDirectory, home.backupsDirectory]
        let deep = [home.skillsDirectory, home.cronDirectory.appendingPathComponent("output")]
        var removed: [String] = []
        for folder in flat { removed += remove(in: folder, recursive: false) }
        for folder in deep { removed += remove(in: folder, recursive: true) }
        return removed
    }

    /// Whether `name` is one of ours (`.<target>.<pid>.XXXXXX.tmp`) and its writer is no longer running.
    static func isAbandoned(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.split(separator: ".")
        guard parts.count >= 4, parts[parts.count - 2].count == 6, let pid = pid_t(parts[parts.count - 3]), pid > 0 else { return false }
        return pid != getpid() && kill(pid, 0) == -1 && errno == ESRCH
    }

    private static func remove(in folder: URL, recursive: Bool) -> [String] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return [] }
        var removed: [String] = []
        for name in names {
            let url = folder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                if recursive { removed += remove(in: url, recursive: true) }
            } else if isAbandoned(name), unlink(url.path) == 0 {
                removed.append(url.path)
            }
        }
        return removed
    }
}
