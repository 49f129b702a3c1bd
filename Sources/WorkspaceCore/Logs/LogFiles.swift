import Foundation

/// The agent's log files in `HERMES_HOME/logs`: each log (`agent`, `errors`, `gateway`…) is its current file
/// followed by its rotated copies (`agent.log.1` is newer than `agent.log.2`).
public struct LogFiles: Sendable {
    /// One file on disk.
    public struct File: Sendable, Codable, Equatable {
        /// The log it belongs to (`agent`).
        public var log: String
        /// The file name (`agent.log.1`).
        public var name: String
        /// 0 for the current file, N for `.N`.
        public var generation: Int
        /// Size in bytes.
        public var size: Int64
        /// Last modification.
        public var modified: Date
        /// Inode, which follows the file through rotation.
        public var inode: UInt64
    }

    private let directory: URL

    /// The logs of `home`.
    public init(home: HermesHome) {
        directory = home.logsDirectory
    }

    /// Every log file, grouped by log (alphabetically) and newest generation first.
    public func all() -> [File] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.compactMap(file(named:)).sorted { ($0.log, $0.generation) < ($1.log, $1.generation) }
    }

    /// The files of one log, current first; an unknown or malformed name is an empty list.
    public func chain(of log: String) -> [File] {
        guard Self.isLogName(log) else { return [] }
        return all().filter { $0.log == log }
    }

    /// The path of `file`.
    public func url(of file: File) -> URL {
        directory.appendingPathComponent(file.name)
    }

    /// Whether `name` can name a log (letters, digits, `_`, `-`, `.`; no path separators).
    public static func isLogName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }
            && !name.hasPrefix(".")
    }

    private func file(named name: String) -> File? {
        guard let range = name.range(of: ".log") else { return nil }
        let log = String(name[..<range.lowerBound])
        let suffix = name[range.upperBound...]
        let generation: Int
        if suffix.isEmpty {
            generation = 0
        } else if suffix.hasPrefix("."), let number = Int(suffix.dropFirst()), number > 0 {
            generation = number
        } else {
            return nil
        }
        guard Self.isLogName(log), let signature = FileSignature(path: directory.appendingPathComponent(name).path) else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory), !isDirectory.boolValue
        else { return nil }
        return File(
            log: log, name: name, generation: generation, size: signature.size,
            modified: Date(timeIntervalSince1970: signature.modifiedEpoch), inode: signature.inode)
    }
}
