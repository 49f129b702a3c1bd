import Foundation
import Hummingbird
import NIOCore
import WorkspaceCore

/// The Config tab: `/config…`. Reads mask secrets; writes need `If-Match` and answer with the new ETag.
struct ConfigRoutes {
    let scope: ProfileScope

    /// The ConfigStore of the profile `request` names.
    private func store(_ request: Request) throws -> ConfigStore { try scope(request).config }

    func addRoutes(to group: SecuredRoutes) {
        group.get("config", .read, use: document)
        group.get("config/effective", .read, use: effective)
        group.get("config/schema", .read, use: schema)
        group.patch("config", .admin, use: patch)
        group.get("config/raw", .admin, use: raw)
        group.put("config/raw", .admin, use: replace)
        group.get("config/history", .read, use: history)
        group.post("config/history/:id/restore", .admin, use: restore)
    }

    @Sendable func document(_ request: Request, _: WorkspaceRequestContext) async throws -> Response {
        let document = try store(request).document()
        return try .json(document, etag: document.etag)
    }

    @Sendable func effective(_ request: Request, _: WorkspaceRequestContext) async throws -> Response {
        let effective = try store(request).effective()
        return try .json(effective, etag: effective.etag)
    }

    @Sendable func schema(_ request: Request, _: WorkspaceRequestContext) async throws -> Response {
        Response.json(Array(ConfigSchema.hermes.jsonSchema.rendered(.compact).utf8))
    }

    @Sendable func patch(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Response {
        let body = try await ConfigPatchRequest(body: request.orderedJSON(context: context))
        let change = try await store(request).patch(body.edits, expecting: request.expectedRevision, dryRun: body.dryRun, actor: context.auditActor)
        return try .json(ConfigChangeView(change), etag: change.snapshot.etag)
    }

    @Sendable func raw(_ request: Request, _: WorkspaceRequestContext) async throws -> Response {
        let raw = try store(request).raw()
        return try .json(raw, etag: raw.etag)
    }

    @Sendable func replace(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Response {
        let (text, dryRun) = try await rawBody(request, context: context)
        let change = try await store(request).replace(with: text, expecting: request.expectedRevision, dryRun: dryRun, actor: context.auditActor)
        return try .json(ConfigChangeView(change), etag: change.snapshot.etag)
    }

    @Sendable func history(_ request: Request, _: WorkspaceRequestContext) async throws -> Response {
        try Response.json(try store(request).historyView())
    }

    @Sendable func restore(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Response {
        let change = try await store(request).restore(
            try context.parameters.require("id"), expecting: request.expectedRevision, actor: context.auditActor)
        return try .json(ConfigChangeView(change), etag: change.snapshot.etag)
    }

    /// A raw save: a YAML body (`application/yaml`, `text/plain`) is the text itself; a JSON body is `{"text": …, "dryRun": …}`.
    private func rawBody(_ request: Request, context: WorkspaceRequestContext) async throws -> (String, Bool) {
        let dryRun = (try QueryValues(request).bool("dryRun")) ?? false
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard ["application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/plain"].contains(where: contentType.hasPrefix) else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "Send the configuration as application/yaml or text/plain, or as JSON {\"text\": …}.")
        }
        guard contentType.hasPrefix("application/json") else {
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
                throw APIError(.badRequest, code: "invalid_encoding", message: "The configuration must be UTF-8 text.")
            }
            return (text, dryRun)
        }
        let body = try await request.orderedJSON(context: context)
        guard case .string(let text)? = body.member("text") else {
            throw APIError(.badRequest, code: "invalid_input", message: "A JSON body must be {\"text\": \"…\"}.")
        }
        switch body.member("dryRun") {
        case .bool(let flag)?: return (text, flag)
        case nil, .null?: return (text, dryRun)
        default: throw APIError(.badRequest, code: "invalid_input", message: "`dryRun` must be true or false.")
        }
    }
}
