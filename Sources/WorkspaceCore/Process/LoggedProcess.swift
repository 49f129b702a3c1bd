import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A program started in a session of its own (so it outlives the workspace and is not signalled with it), stdin
/// `/dev/null`, stdout and stderr appended to a log file — how the workspace runs the agent's gateway commands.
/// A thread waits for it, so it never lingers as a zombie; ``exitStatus`` says how it ended once it has.
public final class LoggedProcess: Sendable {
    /// Its pid.
    public let pid: Int32
    private let ended = LockedValue<Int32?>(nil)

    /// Starts `arguments` (the first looked up in `PATH` when it has no slash) with `environment`, appending its
    /// output to `log`.
    public init(arguments: [String], environment: [String: String], log: URL) throws {
        guard let name = arguments.first, !name.isEmpty else { throw WorkspaceError.invalidInput("The command is empty.") }
        guard let program = name.contains("/") ? name : ChildProcess.resolve(name, in: environment["PATH"]) else {
            throw WorkspaceError.unavailable("\(name) was not found in PATH.")
        }
        let output = open(log.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw WorkspaceError.storageFailure(path: log.path, reason: String(cString: strerror(errno))) }
        defer { close(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        var attributes = ChildProcess.spawnAttributes(flags: Self.spawnSetSID)
        defer { posix_spawnattr_destroy(&attributes) }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw WorkspaceError.unavailable("Could not start \(program): \(String(cString: strerror(spawned)))") }
        self.pid = pid
        let ended = ended
        let child = pid
        Thread.detachNewThread {
            let pid = child
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            ended.value = status & 0x7f == 0 ? (status >> 8) & 0xff : -(status & 0x7f)
        }
    }

    /// glibc's `POSIX_SPAWN_SETSID` (0x80, since 2.26), which the Swift overlay does not import.
    private static let spawnSetSID: Int32 = 0x80

    /// The exit status once it ended (a negative number is the signal that ended it), nil while it runs.
    public var exitStatus: Int32? { ended.value }

    /// Whether it has ended.
    public var hasEnded: Bool { ended.value != nil }

    /// Waits until it ends or `seconds` pass; its exit status, or nil when still running.
    public func wait(seconds: Double, every interval: Duration = .milliseconds(100)) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while !hasEnded, Date() < deadline { try? await Task.sleep(for: interval) }
        return exitStatus
    }
}
