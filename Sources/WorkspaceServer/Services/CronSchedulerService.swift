import ServiceLifecycle
import WorkspaceCore

/// Runs the local cron scheduler for as long as the server runs (nothing in `gateway` mode), waking it whenever
/// `cron/jobs.json` changes on disk (an agent or a hand edit). On graceful shutdown it stops: jobs still running are
/// stopped and recorded as interrupted.
struct CronSchedulerService: Service {
    private let scheduler: CronScheduler
    private let events: EventBus

    /// The scheduler of `services`.
    init(services: WorkspaceServices) {
        scheduler = services.main.cronScheduler
        events = services.events
    }

    /// Schedules until graceful shutdown; in `gateway` mode it only waits for it (a service that returns would stop
    /// the whole server).
    func run() async throws {
        guard scheduler.mode == .local else {
            try? await gracefulShutdown()
            return
        }
        let changes = try events.subscribe(after: nil)
        let scheduler = scheduler
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await scheduler.run() }
                group.addTask {
                    for await event in changes.events where event.kind == .cronJobsChanged { await scheduler.wake() }
                }
                await group.next()
                group.cancelAll()
            }
        }
    }
}
