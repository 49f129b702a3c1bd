import Foundation
import Hummingbird
import NIOCore
import WorkspaceCore

/// The Config tab: `/config…`. Reads mask secrets; writes need `If-Match` and answer with the new ETag.
struct ConfigRoutes {
    let store: ConfigStore
    let home: HermesHome

    func addRoutes(to group: SecuredRoutes) {
        group.get("config", .read) { _, _ -> Response in
            let snapshot = try store.snapshot()
            let (config, masked) = ConfigMasking().masked(snapshot.value)
            return try .json(
                ConfigDocumentAnswer(
                    path: home.configFile.path, exists: snapshot.exists, etag: snapshot.etag,
                    modified: snapshot.modified, readOnly: store.isReadOnly, config: config, maskedPaths: masked),
                etag: snapshot.etag)
        }
        group.get("config/effective", .read) { _, _ -> Response in
            let snapshot = try store.snapshot()
            let effective = EffectiveConfig(user: snapshot.value)
            return try .json(
                EffectiveConfigAnswer(
                    etag: snapshot.etag, config: effective.value,
                    items: effective.leaves.map { .init(path: $0.path, value: $0.value, source: $0.source) }),
                etag: snapshot.etag)
        }
        group.get("config/schema", .read) { _, _ in Response.json(Array(ConfigSchema.hermes.jsonSchema.rendered(.compact).utf8)) }
        group.patch("config", .admin) { request, context -> Response in
            let body = try await ConfigPatchRequest(body: request.orderedJSON(context: context))
            let change = try await store.patch(body.edits, ifMatch: request.headers[.ifMatch], dryRun: body.dryRun, actor: context.auditActor)
            return try .json(ConfigChangeAnswer(change), etag: change.snapshot.etag)
        }
        group.get("config/raw", .admin) { _, _ -> Response in
            let (text, etag) = try store.rawText()
            return try .json(RawConfigAnswer(etag: etag, text: text, readOnly: store.isReadOnly), etag: etag)
        }
        group.put("config/raw", .admin) { request, context -> Response in
            let (text, dryRun) = try await rawBody(request, context: context)
            let change = try await store.replace(with: text, ifMatch: request.headers[.ifMatch], dryRun: dryRun, actor: context.auditActor)
            return try .json(ConfigChangeAnswer(change), etag: change.snapshot.etag)
        }
        group.get("config/history", .read) { _, _ in try Response.json(ConfigHistoryAnswer(items: try store.history())) }
        group.post("config/history/:id/restore", .admin) { request, context -> Response in
            let change = try await store.restore(try context.parameters.require("id"), ifMatch: request.headers[.ifMatch], actor: context.auditActor)
            return try .json(ConfigChangeAnswer(change), etag: change.snapshot.etag)
        }
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
