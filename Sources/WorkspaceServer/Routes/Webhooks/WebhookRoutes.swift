import Foundation
import Hummingbird
import WorkspaceCore

/// Webhook subscriptions (`webhook_subscriptions.json`): listed for viewers without their secrets; created (the
/// secret answered once), edited, switched and removed by admins with the file's ETag.
struct WebhookRoutes {
    let scope: ProfileScope

    static let draftFields: Set<String> = ["description", "events", "prompt", "skills", "deliver", "deliverOnly", "chatID"]

    func addRoutes(to group: SecuredRoutes) {
        group.get("webhooks", .read) { request, _ -> Response in
            let list = try scope(request).webhooks.list()
            return try .json(list, etag: list.etag)
        }
        group.post("webhooks/:name", .admin) { request, context -> Response in
            let draft = try await request.decode(as: WebhookSubscriptions.Draft.self, context: context, fields: Self.draftFields)
            let created = try await scope(request).webhooks.create(
                try context.parameters.require("name"), draft, expecting: request.expectedRevision, actor: context.auditActor)
            return try .json(created, etag: created.etag, status: .created)
        }
        group.put("webhooks/:name", .admin) { request, context -> Response in
            let draft = try await request.decode(as: WebhookSubscriptions.Draft.self, context: context, fields: Self.draftFields)
            let list = try await scope(request).webhooks.update(
                try context.parameters.require("name"), draft, expecting: request.expectedRevision, actor: context.auditActor)
            return try .json(list, etag: list.etag)
        }
        group.post("webhooks/:name/enabled", .admin) { request, context -> Response in
            let body = try await request.decode(as: EnabledRequest.self, context: context, fields: ["enabled"])
            let list = try await scope(request).webhooks.setEnabled(
                try context.parameters.require("name"), body.enabled, expecting: request.expectedRevision, actor: context.auditActor)
            return try .json(list, etag: list.etag)
        }
        group.delete("webhooks/:name", .admin) { request, context -> Response in
            let list = try await scope(request).webhooks.remove(
                try context.parameters.require("name"), expecting: request.expectedRevision, actor: context.auditActor)
            return try .json(list, etag: list.etag)
        }
    }
}
