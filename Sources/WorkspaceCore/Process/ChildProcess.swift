import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion in its own process group, feeding `input` on stdin and collecting stdout and
/// stderr (each capped), with a deadline after which the whole group gets SIGTERM and, 5 s later, SIGKILL. One
/// thread polls all three pipes, so a chatty child can never dead-lock against a large input. Blocking: call it off
/// the concurrency pool.
public struct ChildProcess: Sendable {
    /// How a run ended.
    public struct Outcome: Sendable, Equatable {
        /// Exit status, or `nil` when killed by a signal.
        public var exitStatus: Int32?
        /// The signal that ended it.
        public var signal: Int32?
        /// Whether the deadline passed and the group was killed.
        public var timedOut: Bool
        /// What it wrote to stdout (at most `outputLimit` bytes; the rest is dropped).
        public var output: Data
        /// What it wrote to stderr (the same cap).
        public var errors: Data
        /// Whether either stream was cut at the cap.
        public var truncated: Bool
    }

    /// `argv`, the first element being the program (looked up in `PATH` when it has no slash).
    public var arguments: [String]
    /// The complete environment.
    public var environment: [String: String]
    /// Working directory, or the current one (entered through `env -C`).
    public var directory: String?
    /// Bytes kept from each of stdout and stderr.
    public var outputLimit = 1 << 20

    /// A child that runs `arguments`.
    public init(arguments: [String], environment: [String: String], directory: String? = nil) {
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
    }

    /// Runs it with `input` on stdin, for at most `timeout` seconds (or until `cancelled()` says so). With
    /// `keepInputOpen` stdin stays open after `input` (a server that exits at end of input keeps running);
    /// `finished` ends the child (SIGTERM, not a timeout) as soon as its output so far says it has answered.
    public func run(
        input: Data = Data(), keepInputOpen: Bool = false, timeout: TimeInterval, cancelled: @Sendable () -> Bool = { false },
        finished: ((Data) -> Bool)? = nil
    ) throws -> Outcome {
        var arguments = arguments
        if let directory { arguments = ["env", "-C", directory, "--"] + arguments }
        guard let name = arguments.first, !name.isEmpty else { throw WorkspaceError.invalidInput("The command is empty.") }
        guard let program = name.contains("/") ? name : Self.resolve(name, in: environment["PATH"]) else {
            throw WorkspaceError.unavailable("\(name) was not found in PATH.")
        }
        var stdinPipe: [Int32] = [0, 0]
        var stdoutPipe: [Int32] = [0, 0]
        var stderrPipe: [Int32] = [0, 0]
        guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else {
            throw WorkspaceError.unavailable("Could not create pipes: \(String(cString: strerror(errno)))")
        }
        (stdinPipe + stdoutPipe + stderrPipe).forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        var attributes = Self.spawnAttributes(flags: POSIX_SPAWN_SETPGROUP)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        [stdinPipe[0], stdoutPipe[1], stderrPipe[1]].forEach { close($0) }
        guard spawned == 0 else {
            [stdinPipe[1], stdoutPipe[0], stderrPipe[0]].forEach { close($0) }
            throw WorkspaceError.unavailable("Could not start \(program): \(String(cString: strerror(spawned)))")
        }
        return pump(
            pid: pid, input: input, keepInputOpen: keepInputOpen, stdin: stdinPipe[1], stdout: stdoutPipe[0], stderr: stderrPipe[0],
            timeout: timeout, cancelled: cancelled, finished: finished)
    }

    private func pump(
        pid: pid_t, input: Data, keepInputOpen: Bool, stdin: Int32, stdout: Int32, stderr: Int32, timeout: TimeInterval,
        cancelled: @Sendable () -> Bool, finished: ((Data) -> Bool)?
    ) -> Outcome {
        var stdinOpen: Int32 = stdin
        var written = 0
        var output = Data()
        var errors = Data()
        var truncated = false
        var open: [Int32] = [stdout, stderr]
        let deadline = Date().addingTimeInterval(timeout)
        var killedAt: Date?
        var answered = false
        var held: Int32 = -1
        signal(SIGPIPE, SIG_IGN)
        _ = fcntl(stdin, F_SETFL, fcntl(stdin, F_GETFL) | O_NONBLOCK)
        if input.isEmpty {
            close(stdin)
            stdinOpen = -1
        }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if stdinOpen >= 0 { fds.append(pollfd(fd: stdinOpen, events: Int16(POLLOUT), revents: 0)) }
            _ = poll(&fds, nfds_t(fds.count), 100)
            for entry in fds where entry.revents != 0 {
                if entry.fd == stdinOpen {
                    let count = input.withUnsafeBytes { Glibc.write(stdinOpen, $0.baseAddress! + written, min(65_536, input.count - written)) }
                    if count > 0 { written += count }
                    if count < 0 && errno != EAGAIN || written >= input.count {
                        if keepInputOpen && written >= input.count { held = stdinOpen } else { close(stdinOpen) }
                        stdinOpen = -1
                    }
                    continue
                }
                let count = read(entry.fd, &buffer, buffer.count)
                if count <= 0 {
                    if count == 0 || (errno != EAGAIN && errno != EINTR) {
                        close(entry.fd)
                        open.removeAll { $0 == entry.fd }
                    }
                    continue
                }
                let room = outputLimit - (entry.fd == stdout ? output.count : errors.count)
                if room < count { truncated = true }
                let kept = Data(buffer[0..<max(0, min(count, room))])
                if entry.fd == stdout { output.append(kept) } else { errors.append(kept) }
                if entry.fd == stdout, !answered, let finished, finished(output) { answered = true }
            }
            if killedAt == nil, answered {
                kill(-pid, SIGTERM)
                killedAt = Date()
            } else if killedAt == nil, Date() >= deadline || cancelled() {
                kill(-pid, SIGTERM)
                killedAt = Date()
            } else if let killedAt, Date().timeIntervalSince(killedAt) > 5 {
                kill(-pid, SIGKILL)
            }
        }
        if stdinOpen >= 0 { close(stdinOpen) }
        if held >= 0 { close(held) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if killedAt != nil { kill(-pid, SIGKILL) }
        let exited = status & 0x7f == 0
        return Outcome(
            exitStatus: exited ? (status >> 8) & 0xff : nil, signal: exited ? nil : status & 0x7f,
            timedOut: killedAt != nil && !answered && !cancelled(), output: output, errors: errors, truncated: truncated)
    }

    /// Spawn attributes with `flags` and a clean signal state for the child: nothing blocked, every signal at its
    /// default disposition (whatever this process ignores or blocks). Destroy them after the spawn.
    static func spawnAttributes(flags: Int32) -> posix_spawnattr_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        posix_spawnattr_setflags(&attributes, Int16(flags | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        return attributes
    }

    /// The first executable `name` in `path`.
    static func resolve(_ name: String, in path: String?) -> String? {
        for folder in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
