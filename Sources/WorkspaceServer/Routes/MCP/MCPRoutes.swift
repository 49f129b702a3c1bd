import Foundation
import Hummingbird
import WorkspaceCore

/// MCP servers (`mcp_servers` in config.yaml): listed for viewers with secrets as references; added, edited,
/// switched and removed by admins with config.yaml's ETag, literal secrets moved into `.env`.
struct MCPRoutes {
    let scope: ProfileScope

    func addRoutes(to group: SecuredRoutes) {
        group.get("mcp/servers", .read) { request, _ -> Response in
            let list = try scope(request).mcp.list()
            return try .json(list, etag: list.etag)
        }
        group.put("mcp/servers/:name", .admin) { request, context -> Response in
            let draft = try await request.decode(as: MCPServers.Draft.self, context: context)
            let list = try await scope(request).mcp.save(
                try context.parameters.require("name"), draft, expecting: request.expectedRevision, actor: context.auditActor)
            return try .json(list, etag: list.etag)
        }
        group.post("mcp/servers/:name/enabled", .admin) { request, context -> Response in
            let body = try await request.decode(as: EnabledRequest.self, context: context)
            let list = try await scope(request).mcp.setEnabled(
                try context.parameters.require("name"), body.enabled, expecting: request.expectedRevision, actor: context.auditActor)
            return try .json(list, etag: list.etag)
        }
        group.delete("mcp/servers/:name", .admin) { request, context -> Response in
            let list = try await scope(request).mcp.remove(
                try context.parameters.require("name"), expecting: request.expectedRevision, actor: context.auditActor)
            return try .json(list, etag: list.etag)
        }
    }
}

extension MCPServers.List: ResponseEncodable {}
