import Foundation

/// Who runs the jobs. In `gateway` mode (the default) the agent's own ticker runs them and the workspace only edits
/// and watches. In `local` mode this scheduler does: it sleeps until the next job is due (or it is woken by an
/// edit), claims due jobs through ``CronTicker`` under the agent's locks, runs them through an executor with a
/// bounded number in parallel, and records each run. It stands by — runs nothing — while the agent's ticker is
/// alive, unless forced.
public actor CronScheduler {
    /// Who runs jobs.
    public enum Mode: String, Sendable, Codable {
        /// The agent's gateway ticker.
        case gateway
        /// This process.
        case local
    }

    /// What `/cron/scheduler` shows.
    public struct State: Sendable, Encodable {
        /// The configured mode.
        public var mode: Mode
        /// Whether this process is running jobs now.
        public var active: Bool
        /// Why a local scheduler is standing by.
        public var standbyReason: String?
        /// The executor, described.
        public var executor: String?
        /// Jobs running in this process.
        public var running: [String]
        /// When the last tick ran.
        public var lastTickAt: Date?
        /// When the scheduler wakes next.
        public var nextWakeAt: Date?
        /// Why the last tick failed (a corrupt `jobs.json`, a lock held too long).
        public var lastError: String?
    }

    /// Who runs jobs (fixed for the life of the process).
    public nonisolated let mode: Mode
    private let ticker: CronTicker
    private let executor: (any CronExecutor)?
    private let events: EventBus
    private let maximumParallel: Int
    private let force: Bool
    private let heartbeat: @Sendable () -> CronTickerStatus
    private let idleWake: TimeInterval
    private var running: Set<String> = []
    private var standbyReason: String?
    private var lastTickAt: Date?
    private var nextWakeAt: Date?
    private var lastError: String?
    private var waiter: CheckedContinuation<Void, Never>?
    private var wokenEarly = false

    /// A scheduler in `mode`; `executor` is required for `local`. `heartbeat` reads the agent's ticker heartbeat.
    public init(
        mode: Mode, ticker: CronTicker, executor: (any CronExecutor)?, events: EventBus, maximumParallel: Int = 4, force: Bool = false,
        idleWake: TimeInterval = 60, heartbeat: @escaping @Sendable () -> CronTickerStatus
    ) {
        self.mode = mode
        self.ticker = ticker
        self.executor = executor
        self.events = events
        self.maximumParallel = max(1, maximumParallel)
        self.force = force
        self.idleWake = idleWake
        self.heartbeat = heartbeat
    }

    /// The scheduler's state now.
    public func state() -> State {
        State(
            mode: mode, active: mode == .local && standbyReason == nil, standbyReason: standbyReason, executor: executor?.summary,
            running: running.sorted(), lastTickAt: lastTickAt, nextWakeAt: nextWakeAt, lastError: lastError)
    }

    /// Ids of the jobs running in this process.
    public func runningJobs() -> Set<String> { running }

    /// Makes a sleeping scheduler look at the jobs now (after an edit or a trigger).
    public func wake() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            wokenEarly = true
        }
    }

    /// Runs jobs until cancelled (in `local` mode; returns at once in `gateway` mode). Jobs still running when it
    /// is cancelled are stopped and recorded as interrupted.
    public func run() async {
        guard mode == .local, let executor else { return }
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let now = Date()
                let status = heartbeat()
                if !force, !status.stale {
                    standbyReason =
                        "The gateway's cron ticker is alive (heartbeat \(Int(status.heartbeatAgeSeconds ?? 0)) s ago), so it runs the jobs; the workspace stands by."
                    await sleep(until: now.addingTimeInterval(30))
                    continue
                }
                standbyReason = nil
                lastTickAt = now
                let ticker = ticker
                let running = running
                let slots = maximumParallel - running.count
                var claims: [CronTicker.Claim] = []
                var busy = false
                if slots > 0 {
                    do {
                        let claimed = try await offloaded { try ticker.claimDueJobs(now: now, running: running, limit: slots) }
                        claims = claimed ?? []
                        busy = claimed == nil
                        lastError = nil
                    } catch {
                        lastError = String(describing: error)
                    }
                }
                for claim in claims {
                    self.running.insert(claim.id)
                    group.addTask { await self.execute(claim, with: executor) }
                }
                let due = (try? await offloaded { try ticker.nextDue(now: now) }) ?? nil
                let idle = now.addingTimeInterval(idleWake)
                var wakeAt = min(due ?? idle, idle)
                if busy {
                    wakeAt = now.addingTimeInterval(1)
                } else if wakeAt <= now.addingTimeInterval(1), claims.isEmpty {
                    wakeAt = now.addingTimeInterval(min(15, idleWake))
                }
                await sleep(until: wakeAt)
            }
        }
    }

    private func execute(_ claim: CronTicker.Claim, with executor: any CronExecutor) async {
        _ = events.publish(.cronRunStarted, .object(["id": .string(claim.id)]))
        let job = claim.job
        let stamp = WallClockTime(claim.claimedAt, in: TimeZone(secondsFromGMT: 0)!)
        let request = CronRunRequest(
            id: claim.id, name: job["name"]?.stringValue ?? claim.id, prompt: job["prompt"]?.stringValue ?? "",
            skills: job["skills"]?.stringList ?? [],
            model: job["model"]?.stringValue, script: job["script"]?.stringValue, workdir: job["workdir"]?.stringValue,
            sessionID: String(
                format: "cron_%@_%04d%02d%02d_%02d%02d%02d", claim.id, stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second))
        let result = await executor.run(request)
        let ticker = ticker
        let runID = try? await offloaded { try ticker.finish(claim, with: result) }
        running.remove(claim.id)
        _ = events.publish(
            .cronRunFinished, .object(["id": .string(claim.id), "status": .string(result.succeeded ? "ok" : "error"), "run": .optional(runID)]))
        wake()
    }

    private func sleep(until deadline: Date) async {
        nextWakeAt = deadline
        defer { nextWakeAt = nil }
        if wokenEarly {
            wokenEarly = false
            return
        }
        let alarm = Task { [weak self] in
            try? await Task.sleep(for: .seconds(max(0, deadline.timeIntervalSinceNow)))
            await self?.wake()
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { waiter = $0 }
        } onCancel: {
            Task { await self.wake() }
        }
        alarm.cancel()
        wokenEarly = false
    }
}
