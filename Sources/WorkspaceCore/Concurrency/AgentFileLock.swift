import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One of the agent's cross-process `flock` files: `cron/.jobs.lock` (held around every read-modify-write of
/// `jobs.json`), `cron/.tick.lock` (taken without waiting by each scheduler tick), `memories/MEMORY.md.lock` and
/// `USER.md.lock` (around every memory write). Waiting is bounded (polled non-blocking, as the agent itself does),
/// so a stuck holder gives a clear "unavailable" instead of a hung request. Blocking: call it off the concurrency
/// pool.
public struct AgentFileLock: Sendable {
    /// How long to wait for the lock.
    public var timeout: TimeInterval
    private let url: URL
    /// Who usually holds it, for the message when it stays held.
    private let holder: String

    /// The jobs lock of `home`'s cron folder.
    public static func jobs(home: HermesHome, timeout: TimeInterval = 10) -> AgentFileLock {
        AgentFileLock(
            file: home.cronDirectory.appendingPathComponent(".jobs.lock"), timeout: timeout, holder: "cron/.jobs.lock",
            usually: "the agent's scheduler")
    }

    /// The tick lock of `home`'s cron folder: one scheduler tick at a time across processes.
    public static func tick(home: HermesHome) -> AgentFileLock {
        AgentFileLock(
            file: home.cronDirectory.appendingPathComponent(".tick.lock"), timeout: 0, holder: "cron/.tick.lock", usually: "the agent's scheduler")
    }

    /// The lock of memory file `name` (`MEMORY.md`, `USER.md`) in `home`'s `memories/`.
    public static func memory(home: HermesHome, file name: String, timeout: TimeInterval = 10) -> AgentFileLock {
        AgentFileLock(
            file: home.root.appendingPathComponent("memories/\(name).lock"), timeout: timeout, holder: "memories/\(name).lock",
            usually: "the agent writing its memory")
    }

    /// The lock file `url`: `name` is how a message names it, `usually` who holds it.
    private init(file url: URL, timeout: TimeInterval, holder name: String, usually: String) {
        self.url = url
        self.timeout = timeout
        holder = "\(name) has been held by another process (\(usually)?)"
    }

    /// Runs `body` while holding the lock; `nil` without running it when another process holds the lock.
    public func withLockIfFree<T>(_ body: () throws -> T) throws -> T? {
        guard let descriptor = try acquire(waiting: 0) else { return nil }
        defer { release(descriptor) }
        return try body()
    }

    /// Runs `body` while holding the lock.
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        guard let descriptor = try acquire(waiting: timeout) else {
            throw WorkspaceError.unavailable(
                "\(holder) for over \(Int(timeout)) s; try again shortly."
            )
        }
        defer { release(descriptor) }
        return try body()
    }

    private func acquire(waiting: TimeInterval) throws -> Int32? {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw WorkspaceError.storageFailure(path: url.path, reason: String(cString: strerror(errno))) }
        let deadline = Date().addingTimeInterval(waiting)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EINTR else {
                close(descriptor)
                throw WorkspaceError.storageFailure(path: url.path, reason: String(cString: strerror(failure)))
            }
            guard Date() < deadline else {
                close(descriptor)
                return nil
            }
            usleep(50_000)
        }
        return descriptor
    }

    private func release(_ descriptor: Int32) {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
