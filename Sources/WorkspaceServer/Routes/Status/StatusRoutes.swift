import Hummingbird
import WorkspaceCore

/// `GET /health` (public) and `GET /status` for the Status tab.
struct StatusRoutes {
    let status: StatusService

    /// The health answer.
    struct Health: ResponseEncodable {
        let status: String
        let version: String
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("health", .public) { _, _ in
            Health(status: "ok", version: WorkspaceVersion.current)
        }
        group.get("status", .read) { _, _ in
            await status.snapshot()
        }
    }
}

extension WorkspaceStatus: ResponseEncodable {}
