import Foundation
import Hummingbird
import WorkspaceCore

/// The Tools tab beyond MCP servers: toolsets per platform (resolved by the agent's own code) and the terminal
/// backend. Viewers read; admins change, with config.yaml's ETag.
struct ToolRoutes {
    let scope: ProfileScope

    func addRoutes(to group: SecuredRoutes) {
        group.get("tools/toolsets", .read) { request, _ -> Response in
            let toolsets = try await scope(request).tools.toolsets()
            return try .json(toolsets, etag: toolsets.etag)
        }
        group.put("tools/toolsets/:platform/:toolset", .admin) { request, context -> Response in
            let body = try await request.decode(as: EnabledRequest.self, context: context, fields: ["enabled"])
            let toolsets = try await scope(request).tools.setToolset(
                try context.parameters.require("toolset"), platform: try context.parameters.require("platform"), enabled: body.enabled,
                expecting: request.expectedRevision, actor: context.auditActor)
            return try .json(toolsets, etag: toolsets.etag)
        }
        group.get("tools/terminal", .read) { request, _ -> Response in
            let terminal = try scope(request).tools.terminal()
            return try .json(terminal, etag: terminal.etag)
        }
        group.patch("tools/terminal", .admin) { request, context -> Response in
            let draft = try ToolSettings.TerminalDraft(json: try await request.orderedJSON(context: context))
            let terminal = try await scope(request).tools.setTerminal(draft, expecting: request.expectedRevision, actor: context.auditActor)
            return try .json(terminal, etag: terminal.etag)
        }
        group.post("mcp/servers/:name/test", .admin) { request, context -> MCPServers.TestResult in
            let services = try scope(request)
            return try await services.mcp.test(try context.parameters.require("name"), actor: context.auditActor, audit: services.audit)
        }
    }
}

extension MCPServers.TestResult: ResponseEncodable {}
