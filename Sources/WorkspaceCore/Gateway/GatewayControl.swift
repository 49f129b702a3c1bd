import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Starts, stops, restarts and drains one profile's gateway with the agent's own commands, as background actions:
/// one at a time per profile (asking again for the running verb joins it), output appended to
/// `logs/gateway-<verb>.log` after a banner as the agent does, progress published on the event stream, every
/// outcome audited.
///
/// `start` is `hermes -p P gateway start` (systemd, launchd or s6). Where no service manager brings the gateway up
/// (a plain shell, a container), it runs `hermes -p P gateway run` detached in a session of its own instead.
/// `stop` is `hermes -p P gateway stop` (the service, or the agent's own pid file and lock), then waits for the
/// lock to be released. `restart` is the two in one action. `drain` writes `.drain_request.json` exactly as the
/// agent's `gateway/drain_control.py` does.
public final class GatewayControl: Sendable {
    /// What an action does.
    public enum Verb: String, Sendable, Codable, CaseIterable {
        case start, stop, restart
    }

    /// One action, as the page and the API show it.
    public struct Action: Sendable, Encodable, Equatable {
        /// `gateway-<verb>`, the log's name too.
        public var name: String
        /// The profile it acts on.
        public var profile: String
        /// What it does.
        public var verb: Verb
        /// `running`, `succeeded` or `failed`.
        public var status: String
        /// How the gateway was (or is being) brought up or down: `service` (the agent's command) or `detached`
        /// (`gateway run` in its own session, where no service manager did it).
        public var method: String
        /// When it started.
        public var startedAt: Date
        /// When it ended.
        public var finishedAt: Date?
        /// The exit status of the agent's command that decided it.
        public var exitCode: Int?
        /// The gateway's pid before.
        public var previousPID: Int?
        /// The gateway's pid after (start, restart).
        public var pid: Int?
        /// Why it failed, in a sentence.
        public var message: String?
        /// The log, relative to the home.
        public var log: String
        /// The last lines of the log of this action.
        public var lines: [String]
    }

    /// A drain request's state.
    public struct Drain: Sendable, Encodable, Equatable {
        /// `drain` or `cancel`.
        public var action: String
        /// Whether a drain is requested now.
        public var draining: Bool
        /// When the request was written (drain).
        public var requestedAt: String?
        /// Whether a request existed before (cancel).
        public var wasDraining: Bool?
        /// Whether the gateway's shutdown broadcast is suppressed.
        public var suppressNotification: Bool
    }

    /// How long a gateway may take to come up or go down.
    public struct Timing: Sendable {
        /// Seconds for a started gateway to hold its lock.
        public var startSeconds: Double = 120
        /// Seconds for a stopped gateway to let go of it.
        public var stopSeconds: Double = 45
        /// Seconds the agent's own `start` or `stop` command may run.
        public var commandSeconds: Double = 90

        /// The defaults.
        public init() {}
    }

    private struct State {
        var current: Action?
        var last: [Verb: Action] = [:]
    }

    private let home: HermesHome
    private let root: HermesHome
    private let profile: ProfileName
    private let command: HermesCommand
    private let monitor: GatewayMonitor
    private let audit: AuditLog
    private let events: EventBus
    private let timing: Timing
    private let state = LockedValue(State())

    /// Controls `profile`'s gateway (its home `home`, under the root home `root`) with `command`.
    public init(
        home: HermesHome, root: HermesHome, profile: ProfileName, command: HermesCommand, monitor: GatewayMonitor, audit: AuditLog,
        events: EventBus, timing: Timing = Timing()
    ) {
        self.home = home
        self.root = root
        self.profile = profile
        self.command = command
        self.monitor = monitor
        self.audit = audit
        self.events = events
        self.timing = timing
    }

    /// The running action, or the last of `verb` (or of any verb).
    public func action(_ verb: Verb? = nil) -> Action? {
        state.withValue { state in
            if let current = state.current, verb == nil || current.verb == verb { return current }
            return verb.map { state.last[$0] } ?? state.last.values.max { $0.startedAt < $1.startedAt }
        }
    }

    /// Begins `verb` in the background and returns the action at once; `joined` when the same verb was already
    /// running (a second click). Another verb running, a `start` of a running gateway or a `stop` of a stopped one is a
    /// conflict (409) naming the state; no Hermes command here is unavailable (503).
    public func begin(_ verb: Verb, actor: AuditActor?) async throws -> (action: Action, joined: Bool) {
        if let running = state.value.current {
            if running.verb == verb { return (running, true) }
            throw await refusal(
                verb,
                WorkspaceError.conflict(
                    "A gateway-\(running.verb.rawValue) is running for profile \(profile) (since \(running.startedAt)); wait for it to finish."),
                actor)
        }
        let status = await monitor.status()
        let alive = status.liveness == .running
        if verb == .start, alive {
            throw await refusal(
                verb,
                WorkspaceError.conflict(
                    "The gateway of profile \(profile) is already running (pid \(status.pid.map(String.init) ?? "?"), state \(status.state))."), actor
            )
        }
        if verb == .stop, !alive {
            let detail = status.liveness == .runningElsewhere ? "it runs outside this PID namespace; stop it where it runs" : "state \(status.state)"
            throw await refusal(verb, WorkspaceError.conflict("The gateway of profile \(profile) is not running here (\(detail))."), actor)
        }
        let program: [String]
        do { program = try command.arguments(profile: profile, []) } catch { throw await refusal(verb, error, actor) }
        let action = Action(
            name: "gateway-\(verb.rawValue)", profile: profile.rawValue, verb: verb, status: "running", method: "service", startedAt: Date(),
            previousPID: alive ? status.pid : nil, log: "logs/gateway-\(verb.rawValue).log", lines: [])
        let claimed = state.withValue { state -> Action? in
            if let current = state.current { return current }
            state.current = action
            return nil
        }
        if let claimed {
            if claimed.verb == verb { return (claimed, true) }
            throw await refusal(
                verb, WorkspaceError.conflict("A gateway-\(claimed.verb.rawValue) is running for profile \(profile); wait for it to finish."), actor)
        }
        publish(action)
        Task.detached { [self] in await self.perform(action, program: program, actor: actor) }
        return (action, false)
    }

    /// Writes (or with `cancel`, removes) `.drain_request.json` the way the agent's drain control does; the
    /// gateway's watcher flips to `draining` within about a second. A drain of a gateway that is not running is a
    /// conflict.
    public func drain(cancel: Bool, suppressNotification: Bool, actor: AuditActor?) async throws -> Drain {
        let file = home.root.appendingPathComponent(".drain_request.json")
        let target = ".drain_request.json"
        if cancel {
            return try await audit.recording(.gatewayDrain, target: target, actor: actor) {
                let existed = FileManager.default.fileExists(atPath: file.path)
                if existed { try FileManager.default.removeItem(at: file) }
                return Drain(action: "cancel", draining: false, wasDraining: existed, suppressNotification: false)
            }
        }
        let status = await monitor.status()
        guard status.liveness == .running || status.liveness == .runningElsewhere else {
            throw await refusal(
                nil, WorkspaceError.conflict("The gateway of profile \(profile) is not running (state \(status.state)); there is nothing to drain."),
                actor)
        }
        return try await audit.recording(.gatewayDrain, target: target, actor: actor) {
            let requestedAt = Self.pythonISO(Date())
            let payload = OrderedJSON.object([
                "action": .string("drain"), "requested_at": .string(requestedAt), "principal": .string("hermes-workspace"),
                "epoch": .string(Self.instantiationEpoch()), "suppress_notification": .bool(suppressNotification),
            ])
            try AtomicFileWriter().write(Data(payload.rendered(.indented).utf8), to: file)
            return Drain(action: "drain", draining: true, requestedAt: requestedAt, suppressNotification: suppressNotification)
        }
    }

    /// Whether a drain request is on disk now.
    public var drainRequested: Bool { FileManager.default.fileExists(atPath: home.root.appendingPathComponent(".drain_request.json").path) }

    // MARK: - Running an action

    private func perform(_ start: Action, program: [String], actor: AuditActor?) async {
        var action = start
        let log = home.root.appendingPathComponent(action.log)
        let offset = prepareLog(log, banner: "=== \(action.name) started \(Self.pythonISO(action.startedAt)) by hermes-workspace ===\n")
        let tail = { [self] (action: inout Action) in
            action.lines = Self.lines(of: log, from: offset)
            update(action)
        }
        do {
            if action.verb != .start, action.previousPID != nil {
                try await stopGateway(program: program, log: log, action: &action, tail: tail)
            }
            if action.verb != .stop {
                try await startGateway(program: program, log: log, action: &action, tail: tail)
            }
            action.status = "succeeded"
        } catch {
            action.status = "failed"
            action.message = String(describing: error)
        }
        action.finishedAt = Date()
        action.lines = Self.lines(of: log, from: offset)
        appendLine(log, "=== \(action.name) \(action.status) \(Self.pythonISO(action.finishedAt ?? Date())) ===\n")
        // Audited before the action is seen as finished, so whoever sees it finished finds it in the trail.
        let pids = [action.previousPID.map { "pid \($0)" }, action.pid.map { "new pid \($0)" }].compactMap { $0 }.joined(separator: " → ")
        let summary = action.status == "succeeded" ? "\(action.method); \(pids)" : (action.message ?? "failed")
        try? await audit.record(
            AuditEvent(
                action: Self.auditAction(action.verb), target: "gateway", outcome: action.status == "succeeded" ? .ok : .failed,
                summary: String(summary.prefix(200)), actor: actor))
        state.withValue { state in
            state.current = nil
            state.last[action.verb] = action
        }
        publish(action)
    }

    private func stopGateway(program: [String], log: URL, action: inout Action, tail: (inout Action) -> Void) async throws {
        let exit = try await runCommand(program + ["gateway", "stop"], log: log, action: &action, tail: tail)
        action.exitCode = Int(exit)
        guard try await waitUntil(seconds: timing.stopSeconds, action: &action, tail: tail, { $0.liveness != .running }) else {
            throw WorkspaceError.unavailable("The gateway still runs \(Int(timing.stopSeconds)) s after `gateway stop` (exit \(exit)).")
        }
    }

    private func startGateway(program: [String], log: URL, action: inout Action, tail: (inout Action) -> Void) async throws {
        let exit = try await runCommand(program + ["gateway", "start"], log: log, action: &action, tail: tail)
        action.exitCode = Int(exit)
        if exit == 0, try await waitUntil(seconds: 5, action: &action, tail: tail, { $0.liveness == .running }) {
            action.pid = await monitor.status().pid
            return
        }
        // No service manager brought it up: run it ourselves, in a session of its own, as the agent's `gateway run`.
        action.method = "detached"
        appendLine(log, "=== no service manager started the gateway (exit \(exit)); running `gateway run` detached ===\n")
        let child = try LoggedProcess(arguments: program + ["gateway", "run"], environment: command.environment(root: root), log: log)
        let up = try await waitUntil(seconds: timing.startSeconds, action: &action, tail: tail) { [child] status in
            status.liveness == .running || child.hasEnded
        }
        if let ended = child.exitStatus {
            action.exitCode = Int(ended)
            throw WorkspaceError.unavailable("`gateway run` exited with status \(ended) before the gateway came up; see the last lines.")
        }
        guard up else { throw WorkspaceError.unavailable("The gateway did not come up within \(Int(timing.startSeconds)) s; see the last lines.") }
        action.exitCode = nil
        action.pid = await monitor.status().pid
    }

    private func runCommand(_ arguments: [String], log: URL, action: inout Action, tail: (inout Action) -> Void) async throws -> Int32 {
        appendLine(log, "$ \(arguments.joined(separator: " "))\n")
        let child = try LoggedProcess(arguments: arguments, environment: command.environment(root: root), log: log)
        let deadline = Date().addingTimeInterval(timing.commandSeconds)
        while !child.hasEnded, Date() < deadline {
            _ = await child.wait(seconds: 0.5)
            tail(&action)
        }
        guard let exit = child.exitStatus else {
            kill(-child.pid, SIGKILL)
            throw WorkspaceError.unavailable(
                "`\(arguments.dropFirst(3).joined(separator: " "))` did not finish within \(Int(timing.commandSeconds)) s.")
        }
        tail(&action)
        return exit
    }

    private func waitUntil(
        seconds: Double, action: inout Action, tail: (inout Action) -> Void, _ condition: @Sendable (GatewayStatus) -> Bool
    ) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var ticks = 0
        while Date() < deadline {
            if condition(await monitor.status()) { return true }
            try await Task.sleep(for: .milliseconds(250))
            ticks += 1
            if ticks % 2 == 0 { tail(&action) }
        }
        return condition(await monitor.status())
    }

    // MARK: - Helpers

    private func update(_ action: Action) {
        let changed = state.withValue { state -> Bool in
            guard state.current?.startedAt == action.startedAt, state.current != action else { return false }
            state.current = action
            return true
        }
        if changed { publish(action) }
    }

    private func publish(_ action: Action) {
        events.publish(
            .gatewayAction,
            .object([
                "profile": .string(action.profile), "name": .string(action.name), "status": .string(action.status),
                "method": .string(action.method), "exitCode": action.exitCode.map(OrderedJSON.int) ?? .null,
                "pid": action.pid.map(OrderedJSON.int) ?? .null, "lines": .array(action.lines.suffix(20).map(OrderedJSON.string)),
            ]))
    }

    /// Records `error` as the refusal of `verb` (a drain without one) and returns it to be thrown.
    private func refusal(_ verb: Verb?, _ error: any Error, _ actor: AuditActor?) async -> any Error {
        try? await audit.record(
            AuditEvent(
                action: verb.map(Self.auditAction) ?? .gatewayDrain, target: "gateway", outcome: .refused,
                summary: String(describing: error).prefix(200).description, actor: actor))
        return error
    }

    private static func auditAction(_ verb: Verb) -> AuditAction {
        switch verb {
        case .start: .gatewayStart
        case .stop: .gatewayStop
        case .restart: .gatewayRestart
        }
    }

    /// Creates the log's folder and appends the banner; the offset where this action's output begins.
    private func prepareLog(_ log: URL, banner: String) -> UInt64 {
        try? FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
        let size = (try? FileManager.default.attributesOfItem(atPath: log.path)[.size] as? UInt64) ?? 0
        appendLine(log, banner)
        return size
    }

    private func appendLine(_ log: URL, _ text: String) {
        let descriptor = open(log.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = Array(text.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// The last 200 lines written to `log` after `offset` (at most the last 64 KiB of them).
    static func lines(of log: URL, from offset: UInt64) -> [String] {
        guard let handle = try? FileHandle(forReadingFrom: log) else { return [] }
        defer { try? handle.close() }
        let end = (try? handle.seekToEnd()) ?? 0
        let start = max(offset, end > 65_536 ? end - 65_536 : 0)
        try? handle.seek(toOffset: start)
        let data = (try? handle.readToEnd()) ?? Data()
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).suffix(200)
            .map { String($0.prefix(2_000)) }.filter { !$0.isEmpty }
    }

    /// `datetime.now(timezone.utc).isoformat()`: microseconds and `+00:00`.
    static func pythonISO(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = floor(seconds)
        let micros = Int(((seconds - whole) * 1_000_000).rounded(.down))
        var time = time_t(whole)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06d+00:00", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour),
            Int(parts.tm_min), Int(parts.tm_sec), micros)
    }

    /// The agent's instantiation epoch (`current_instantiation_epoch`): `<boot id>:<pid 1 start ticks>`, empty when
    /// neither can be read.
    static func instantiationEpoch() -> String {
        let boot =
            (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var start = ""
        if let stat = try? String(contentsOfFile: "/proc/1/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") {
            let fields = stat[stat.index(after: close)...].split(whereSeparator: \.isWhitespace)
            if fields.count > 19 { start = String(fields[19]) }
        }
        return boot.isEmpty && start.isEmpty ? "" : "\(boot):\(start)"
    }
}
