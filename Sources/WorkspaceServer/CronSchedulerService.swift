import ServiceLifecycle
import WorkspaceCore

/// Runs the local cron scheduler for as long as the server runs (nothing in `gateway` mode). On graceful shutdown
/// it stops: jobs still running are stopped and recorded as interrupted.
public struct CronSchedulerService: Service {
    private let scheduler: CronScheduler

    /// The scheduler of `services`.
    public init(services: WorkspaceServices) {
        scheduler = services.cronScheduler
    }

    /// Schedules until graceful shutdown; in `gateway` mode it only waits for it (a service that returns would stop
    /// the whole server).
    public func run() async throws {
        try await cancelWhenGracefulShutdown { await scheduler.run() }
        if await scheduler.state().mode == .gateway { try? await gracefulShutdown() }
    }
}
