import Foundation
import Hummingbird
import WorkspaceCore

/// The Channels tab: each messaging platform with its keys (masked), home channel and live state; operators with
/// the admin role switch a platform and set its home channel.
struct ChannelRoutes {
    let scope: ProfileScope

    struct HomeRequest: Decodable {
        var chatID: String
        var name: String?
        var threadID: String?
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("channels", .read) { request, _ in try await scope(request).channels.list() }
        group.post("channels/:platform/enabled", .admin) { request, context in
            let body = try await request.decode(as: EnabledRequest.self, context: context)
            return try await scope(request).channels.setEnabled(try context.parameters.require("platform"), body.enabled, actor: context.auditActor)
        }
        group.put("channels/:platform/home", .admin) { request, context in
            let body = try await request.decode(as: HomeRequest.self, context: context)
            return try await scope(request).channels.setHome(
                try context.parameters.require("platform"), chatID: body.chatID.trimmingCharacters(in: .whitespaces), name: body.name,
                threadID: body.threadID, actor: context.auditActor)
        }
    }
}

extension Channels.List: ResponseEncodable {}
