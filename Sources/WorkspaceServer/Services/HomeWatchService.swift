import Foundation
import ServiceLifecycle
import WorkspaceCore

/// Runs the home's change feed for as long as the server runs; on graceful shutdown it stops watching and ends
/// the open event streams, so the server does not wait for their next heartbeat to notice.
struct HomeWatchService: Service {
    private let feed: HomeChangeFeed
    private let bus: EventBus

    /// Watches `services`' home and publishes to its event bus.
    init(services: WorkspaceServices, pollInterval: TimeInterval = 2) {
        feed = HomeChangeFeed(home: services.home, bus: services.events, pollInterval: pollInterval)
        bus = services.events
    }

    /// Watches until graceful shutdown.
    func run() async throws {
        try await withGracefulShutdownHandler {
            try await cancelWhenGracefulShutdown { await feed.run() }
        } onGracefulShutdown: {
            bus.finishAll()
        }
    }
}
