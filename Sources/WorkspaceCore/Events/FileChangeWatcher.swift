import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Notices when any of a set of files changes, is created, replaced or removed.
///
/// With inotify it watches the files' folders (an atomic rename replaces the file, so a watch on the file itself
/// would be lost) and sleeps in `poll` between events; where inotify is unavailable, or a folder does not exist
/// yet, it compares file signatures every ``pollInterval``. Either way an idle watcher costs no CPU to speak of.
public final class FileChangeWatcher: Sendable {
    /// How often signatures are compared when inotify cannot be used.
    public let pollInterval: TimeInterval
    private let files: [URL]
    private let allowInotify: Bool

    /// Watches `files`; `allowInotify: false` forces the polling fallback (for tests).
    public init(files: [URL], pollInterval: TimeInterval = 2, allowInotify: Bool = true) {
        self.files = files.map { $0.standardizedFileURL }
        self.pollInterval = pollInterval
        self.allowInotify = allowInotify
    }

    /// Calls `onChange` with the files whose signature changed, until the task is cancelled.
    public func run(onChange: @escaping @Sendable ([URL]) async -> Void) async {
        var signatures = Dictionary(uniqueKeysWithValues: files.map { ($0, FileSignature(path: $0.path)) })
        let stop = LockedValue(false)
        let wakeups = AsyncStream<Void> { continuation in
            let thread = Thread { [files, allowInotify, pollInterval] in
                Self.wait(for: files, allowInotify: allowInotify, pollInterval: pollInterval, stop: stop) { continuation.yield() }
                continuation.finish()
            }
            thread.name = "hermes-file-watcher"
            thread.start()
        }
        await withTaskCancellationHandler {
            for await _ in wakeups {
                try? await Task.sleep(for: .milliseconds(40))
                var changed: [URL] = []
                for file in files {
                    let signature = FileSignature(path: file.path)
                    if signature != signatures[file] ?? nil {
                        signatures[file] = signature
                        changed.append(file)
                    }
                }
                if !changed.isEmpty { await onChange(changed) }
            }
        } onCancel: {
            stop.withValue { $0 = true }
        }
    }

    /// Blocks the watcher thread, calling `wake` after anything that may be a change, until `stop` is set.
    private static func wait(for files: [URL], allowInotify: Bool, pollInterval: TimeInterval, stop: LockedValue<Bool>, wake: () -> Void) {
        let folders = Set(files.map { $0.deletingLastPathComponent().path })
        let descriptor = allowInotify ? inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) : -1
        defer { if descriptor >= 0 { close(descriptor) } }
        var watchedAll = descriptor >= 0
        if descriptor >= 0 {
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
            for folder in folders where inotify_add_watch(descriptor, folder, mask) < 0 { watchedAll = false }
        }
        let timeout = Int32(watchedAll ? 1_000 : pollInterval * 1_000)
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while !stop.withValue({ $0 }) {
            guard descriptor >= 0 else {
                usleep(useconds_t(timeout) * 1_000)
                wake()
                continue
            }
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, timeout)
            if ready > 0 {
                while read(descriptor, &buffer, buffer.count) > 0 {}
                wake()
            } else if !watchedAll {
                wake()
            }
        }
    }
}
