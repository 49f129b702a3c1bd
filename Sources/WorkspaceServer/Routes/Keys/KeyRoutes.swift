import Foundation
import Hummingbird
import WorkspaceCore

/// The API Keys tab: `/keys…`. Values are masked everywhere except the one reveal answer, which is never cached.
struct KeyRoutes {
    let scope: ProfileScope

    /// The KeyVault of the profile `request` names.
    private func vault(_ request: Request) throws -> KeyVault { try scope(request).keys }

    struct KeyList: ResponseEncodable {
        var readOnly: Bool
        var items: [KeyEntry]
    }

    struct SetKeyRequest: Decodable {
        var value: String
    }

    struct SetKeyAnswer: ResponseEncodable {
        var created: Bool
        var item: KeyEntry?
    }

    struct RevealAnswer: Encodable {
        var name: String
        var value: String
    }

    func addRoutes(to group: SecuredRoutes) {
        // Kept while .env, skills/ and config.yaml are unchanged (when no external skill folders are configured).
        group.get("keys", .read) { request, _ -> Response in
            let home = try scope(request)
            return try await home.fileAnswers.response(for: "keys", areas: [.env, .skills, .config]) {
                let (items, homeFolderOnly) = try await offloaded { home.keys.listing() }
                return (value: KeyList(readOnly: home.keys.isReadOnly, items: items), reusable: homeFolderOnly)
            }
        }
        group.put("keys/:name", .admin) { request, context -> SetKeyAnswer in
            let name = try context.parameters.require("name")
            let body = try await request.decode(as: SetKeyRequest.self, context: context)
            let existed = try await vault(request).set(name, to: body.value, actor: context.auditActor)
            return SetKeyAnswer(created: !existed, item: try vault(request).entry(name))
        }
        group.delete("keys/:name", .admin) { request, context -> Response in
            try await vault(request).delete(try context.parameters.require("name"), actor: context.auditActor)
            return Response(status: .noContent)
        }
        group.post("keys/:name/reveal", .admin) { request, context -> Response in
            let name = try context.parameters.require("name")
            var response = try Response.json(RevealAnswer(name: name, value: try await vault(request).reveal(name, actor: context.auditActor)))
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }
}
