import Foundation
import Hummingbird
import WorkspaceCore

/// The Skills tab: `/skills…` — the registry's list, one skill with its files, SKILL.md edits (ETag), new skills,
/// and enable/disable stored in `config.yaml`.
struct SkillRoutes {
    let scope: ProfileScope

    /// The SkillService of the profile `request` names.
    private func skills(_ request: Request) throws -> SkillService { try scope(request).skillService }

    struct FileAnswer: ResponseEncodable {
        var path: String
        var text: String
    }

    struct ContentRequest: Decodable {
        var text: String
    }

    struct CreateRequest: Decodable {
        var name: String
        var category: String?
        var description: String
        var body: String
    }

    struct EnabledRequest: Decodable {
        var enabled: Bool
        var platform: String?
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("skills", .read, use: list)
        group.post("skills", .admin, use: create)
        group.get("skills/:name", .read, use: show)
        group.get("skills/:name/files/**", .read, use: file)
        group.put("skills/:name/content", .admin, use: updateContent)
        group.put("skills/:name/enabled", .operate, use: setEnabled)
    }

    /// The list, encoded once per state of `skills/` and `config.yaml` (when no external folders are configured).
    @Sendable func list(_ request: Request, _: WorkspaceRequestContext) async throws -> Response {
        let values = QueryValues(request)
        let enabled = try values.string("enabled", maximumLength: 5)
        guard enabled == nil || enabled == "true" || enabled == "false" else {
            throw APIError(.badRequest, code: "invalid_input", message: "`enabled` must be true or false.")
        }
        let filter = SkillService.Filter(
            search: try values.string("q", maximumLength: 200), category: try values.string("category", maximumLength: 200),
            enabled: enabled.map { $0 == "true" })
        let home = try scope(request)
        return try await home.fileAnswers.response(for: "skills|\(filter.key)", areas: [.skills, .config]) {
            let (listing, homeFolderOnly) = try await home.skillService.listing(filter)
            return (value: listing, reusable: homeFolderOnly)
        }
    }

    @Sendable func create(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Response {
        let body = try await request.decode(as: CreateRequest.self, context: context)
        let detail = try await skills(request).create(
            name: body.name, category: body.category, description: body.description, body: body.body, actor: context.auditActor)
        return try .json(detail, etag: detail.etag, status: .created)
    }

    @Sendable func show(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Response {
        let detail = try await skills(request).detail(of: try context.parameters.require("name"))
        return try .json(detail, etag: detail.etag)
    }

    @Sendable func file(_ request: Request, _ context: WorkspaceRequestContext) async throws -> FileAnswer {
        let name = try context.parameters.require("name")
        // The router hands over segments as sent: decode them (`my%20notes.md`, `caf%C3%A9.md`); encoded slashes
        // and dot segments never get this far (PathGuardMiddleware), and the workbench checks containment again.
        let path = try context.parameters.getCatchAll().map { segment -> String in
            guard let decoded = segment.removingPercentEncoding, !decoded.contains("/"), !decoded.contains("\0") else {
                throw APIError(.badRequest, code: "invalid_path", message: "The file name is not valid percent-encoded UTF-8.")
            }
            return decoded
        }.joined(separator: "/")
        return FileAnswer(path: path, text: try await skills(request).file(path, of: name))
    }

    @Sendable func updateContent(_ request: Request, _ context: WorkspaceRequestContext) async throws -> Response {
        let name = try context.parameters.require("name")
        let body = try await request.decode(as: ContentRequest.self, context: context)
        let detail = try await skills(request).updateContent(of: name, to: body.text, revision: request.expectedRevision, actor: context.auditActor)
        return try .json(detail, etag: detail.etag)
    }

    @Sendable func setEnabled(_ request: Request, _ context: WorkspaceRequestContext) async throws -> SkillService.Toggled {
        let name = try context.parameters.require("name")
        let body = try await request.decode(as: EnabledRequest.self, context: context)
        return try await skills(request).setEnabled(name, enabled: body.enabled, platform: body.platform, actor: context.auditActor)
    }
}

extension SkillDetail: ResponseEncodable {}
extension SkillService.Listing: ResponseEncodable {}
extension SkillService.Toggled: ResponseEncodable {}
