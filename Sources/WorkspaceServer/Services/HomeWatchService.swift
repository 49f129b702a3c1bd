import Foundation
import ServiceLifecycle
import WorkspaceCore

/// Runs the home's change feed for as long as the server runs; on graceful shutdown it stops watching and ends
/// the open event streams, so the server does not wait for their next heartbeat to notice.
struct HomeWatchService: Service {
    private let feeds: [HomeChangeFeed]
    private let bus: EventBus

    /// Watches the home of every profile there is at start and publishes to the event bus (a named profile's events
    /// carry its name; a profile created later is watched from the next start).
    init(services: WorkspaceServices, pollInterval: TimeInterval = 2) {
        feeds = services.profiles.directory.names().compactMap { name in
            (try? services.profiles.directory.home(of: name)).map {
                HomeChangeFeed(home: $0, bus: services.events, profile: name, pollInterval: pollInterval)
            }
        }
        bus = services.events
    }

    /// Watches until graceful shutdown.
    func run() async throws {
        let feeds = feeds
        await withGracefulShutdownHandler {
            await cancelWhenGracefulShutdown {
                await withTaskGroup(of: Void.self) { group in
                    for feed in feeds { group.addTask { await feed.run() } }
                }
            }
        } onGracefulShutdown: {
            bus.finishAll()
        }
    }
}
