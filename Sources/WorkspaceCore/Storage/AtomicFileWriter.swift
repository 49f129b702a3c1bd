import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces files the way the agent does: a temporary file in the same folder, flushed with `fsync`,
/// then renamed over the target, so readers see either the old or the new content and never a mix.
///
/// A symlinked target keeps its link (the real file is replaced) and an existing file keeps its mode. The temporary
/// file is named `.<name>.<pid>.XXXXXX.tmp`, so one abandoned by a killed process can be told from one being written
/// (see ``AbandonedTemporaryFiles``).
public struct AtomicFileWriter: Sendable {
    /// The mode given to files that did not exist before.
    public var defaultMode: mode_t
    /// A mode every written file gets, whatever it had (`.env` is always 0600); `nil` keeps an existing file's mode.
    public var forcedMode: mode_t?

    /// Creates a writer that gives new files `defaultMode` (0600 unless told otherwise), or every file `forcedMode`.
    public init(defaultMode: mode_t = 0o600, forcedMode: mode_t? = nil) {
        self.defaultMode = defaultMode
        self.forcedMode = forcedMode
    }

    /// Atomically replaces the content of `url` with `data`.
    public func write(_ data: Data, to url: URL) throws {
        let target = url.resolvingSymlinksInPath()
        let directory = target.deletingLastPathComponent().path
        let mode = forcedMode ?? Self.existingMode(of: target.path) ?? defaultMode
        var template = Array("\(directory)/.\(target.lastPathComponent).\(getpid()).XXXXXX.tmp".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard descriptor >= 0 else { throw Self.failure(target.path, "cannot create a temporary file") }
        let temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer {
            if !renamed { unlink(temporaryPath) }
        }
        do {
            defer { close(descriptor) }
            guard fchmod(descriptor, mode) == 0 else { throw Self.failure(target.path, "cannot set the file mode") }
            try Self.writeAll(data, to: descriptor, path: target.path)
            guard fsync(descriptor) == 0 else { throw Self.failure(target.path, "fsync failed") }
        }
        guard rename(temporaryPath, target.path) == 0 else { throw Self.failure(target.path, "rename failed") }
        renamed = true
        Self.syncDirectory(directory)
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure(path, String(cString: strerror(errno)))
                }
                offset += written
            }
        }
    }

    private static func existingMode(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private static func failure(_ path: String, _ reason: String) -> WorkspaceError {
        .storageFailure(path: path, reason: reason)
    }
}
