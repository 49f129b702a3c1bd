import Foundation
import Hummingbird
import WorkspaceCore

/// The Memory tab: the agent's `memories/MEMORY.md` and `USER.md`, entry by entry. Reads are for viewers; writes
/// are admin, need `If-Match` (except an append, which — like the agent's own — adds to whatever the file holds) and
/// answer with the new ETag.
struct MemoryRoutes {
    let scope: ProfileScope

    struct ReplaceRequest: Decodable {
        var entries: [String]
    }

    struct AddRequest: Decodable {
        var entry: String
    }

    struct History: ResponseEncodable {
        var items: [ConfigVersion]
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("memory", .read) { request, _ in try scope(request).memory.overview() }
        group.get("memory/:target", .read) { request, context -> Response in
            let document = try scope(request).memory.document(try Self.target(context))
            return try .json(document, etag: document.etag)
        }
        group.put("memory/:target", .admin) { request, context -> Response in
            let target = try Self.target(context)
            let body = try await request.decode(as: ReplaceRequest.self, context: context)
            let document = try await scope(request).memory.replace(
                target, with: body.entries, expecting: request.expectedRevision, actor: context.auditActor)
            return try .json(document, etag: document.etag)
        }
        group.post("memory/:target/entries", .admin) { request, context -> Response in
            let target = try Self.target(context)
            let body = try await request.decode(as: AddRequest.self, context: context)
            let document = try await scope(request).memory.add(target, entry: body.entry, actor: context.auditActor)
            var response = try Response.json(document, etag: document.etag)
            response.status = .created
            return response
        }
        group.get("memory/:target/history", .read) { request, context in
            History(items: try scope(request).memory.history(try Self.target(context)))
        }
    }

    private static func target(_ context: WorkspaceRequestContext) throws -> MemoryNotes.Target {
        let name = try context.parameters.require("target")
        guard let target = MemoryNotes.Target(rawValue: name) else {
            throw WorkspaceError.notFound(what: "Memory file \(name.prefix(40)) (memory or user)")
        }
        return target
    }
}

extension MemoryNotes.Overview: ResponseEncodable {}
extension MemoryNotes.Document: ResponseEncodable {}
