import Foundation
import Hummingbird
import WorkspaceCore

/// Messaging pairing: who is waiting to talk to the bot, who is paired, and the owner's answers. Granting access
/// is an admin's; dropping a request or ending access an operator's.
struct PairingRoutes {
    let scope: ProfileScope

    /// The pairing store of the profile `request` names.
    private func pairing(_ request: Request) throws -> Pairing { try scope(request).pairing }
    /// Announces changes to the Approvals tab's pages.
    let queue: ApprovalQueue

    struct ApproveRequest: Decodable {
        var platform: String
        var code: String
    }

    struct DenyRequest: Decodable {
        var platform: String
        var entry: String
    }

    struct RevokeRequest: Decodable {
        var platform: String
        var userID: String
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("pairing", .read) { request, _ in
            let pairing = try pairing(request)
            return try await offloaded { pairing.overview() }
        }
        group.post("pairing/approve", .admin) { request, context -> Pairing.User in
            let body = try await request.decode(as: ApproveRequest.self, context: context)
            let user = try await pairing(request).approve(platform: body.platform, code: body.code, actor: context.auditActor)
            await queue.published()
            return user
        }
        group.post("pairing/deny", .operate) { request, context -> Response in
            let body = try await request.decode(as: DenyRequest.self, context: context)
            try await pairing(request).deny(platform: body.platform, entry: body.entry, actor: context.auditActor)
            await queue.published()
            return Response(status: .noContent)
        }
        group.post("pairing/revoke", .operate) { request, context -> Response in
            let body = try await request.decode(as: RevokeRequest.self, context: context)
            try await pairing(request).revoke(platform: body.platform, userID: body.userID, actor: context.auditActor)
            await queue.published()
            return Response(status: .noContent)
        }
    }
}

extension Pairing.Overview: ResponseEncodable {}
extension Pairing.User: ResponseEncodable {}
