import Hummingbird
import WorkspaceCore

/// `GET /health` (public) and `GET /status` for the Status tab.
struct StatusRoutes {
    let scope: ProfileScope

    /// The health answer.
    struct Health: ResponseEncodable {
        let status: String
        let version: String
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("health", .public) { _, _ in
            Health(status: "ok", version: WorkspaceVersion.current)
        }
        group.get("status", .read) { request, _ in
            try await scope(request).status.snapshot()
        }
    }
}

extension WorkspaceStatus: ResponseEncodable {}
