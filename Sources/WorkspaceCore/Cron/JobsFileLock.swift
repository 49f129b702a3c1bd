import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The agent's cross-process lock on `cron/.jobs.lock`: an exclusive `flock` held around every read-modify-write
/// of `jobs.json`. Waiting is bounded (polled non-blocking, as the agent itself does), so a stuck holder gives a
/// clear "unavailable" instead of a hung request. Blocking: call it off the concurrency pool.
public struct JobsFileLock: Sendable {
    /// How long to wait for the lock.
    public var timeout: TimeInterval
    private let url: URL

    /// The lock of `home`'s cron folder.
    public init(home: HermesHome, timeout: TimeInterval = 10) {
        url = home.cronDirectory.appendingPathComponent(".jobs.lock")
        self.timeout = timeout
    }

    /// Runs `body` while holding the lock.
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw WorkspaceError.storageFailure(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw WorkspaceError.storageFailure(path: url.path, reason: String(cString: strerror(errno)))
            }
            guard Date() < deadline else {
                throw WorkspaceError.unavailable("cron/.jobs.lock has been held by another process (the agent's scheduler?) for over \(Int(timeout)) s; try again shortly.")
            }
            usleep(50_000)
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
