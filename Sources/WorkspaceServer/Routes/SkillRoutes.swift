import Foundation
import Hummingbird
import WorkspaceCore

/// The Skills tab: `/skills…` — the registry's list, one skill with its files, SKILL.md edits (ETag), new skills,
/// and enable/disable stored in `config.yaml`.
struct SkillRoutes {
    let registry: SkillsRegistry
    let workbench: SkillWorkbench
    let toggles: SkillToggles
    let audit: AuditLog

    struct SkillList: ResponseEncodable {
        var items: [Skill]
        var categories: [String]
    }

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

    struct EnabledAnswer: ResponseEncodable {
        var skill: Skill
        var configEtag: String
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("skills", .read) { request, _ -> SkillList in
            let values = QueryValues(request)
            let search = try values.string("q", maximumLength: 200)?.lowercased()
            let category = try values.string("category", maximumLength: 200)
            let enabled = try values.string("enabled", maximumLength: 5)
            guard enabled == nil || enabled == "true" || enabled == "false" else {
                throw APIError(.badRequest, code: "invalid_input", message: "`enabled` must be true or false.")
            }
            let all = try await offloaded { registry.skills() }
            let items = all.filter { skill in
                (category == nil || skill.category == category || (category == "" && skill.category == nil))
                    && (enabled == nil || skill.enabled == (enabled == "true"))
                    && (search.map { text in ([skill.name, skill.description] + skill.tags).contains { $0.lowercased().contains(text) } } ?? true)
            }
            return SkillList(items: items, categories: Array(Set(all.compactMap(\.category))).sorted())
        }
        group.post("skills", .admin) { request, context -> Response in
            let body = try await request.decode(as: CreateRequest.self, context: context)
            let detail = try await audit.recording(.skillsCreate, target: body.name, by: context) {
                try workbench.create(
                    name: body.name, category: body.category.flatMap { $0.isEmpty ? nil : $0 }, description: body.description, body: body.body)
            }
            return try .json(detail, etag: detail.etag, status: .created)
        }
        group.get("skills/:name", .read) { _, context -> Response in
            let name = try context.parameters.require("name")
            let detail = try await offloaded { try workbench.detail(of: name) }
            return try .json(detail, etag: detail.etag)
        }
        group.get("skills/:name/files/**", .read) { _, context -> FileAnswer in
            let name = try context.parameters.require("name")
            // The router hands over segments as sent: decode them (`my%20notes.md`, `caf%C3%A9.md`); encoded slashes
            // and dot segments never get this far (PathGuardMiddleware), and the workbench checks containment again.
            let path = try context.parameters.getCatchAll().map { segment -> String in
                guard let decoded = segment.removingPercentEncoding, !decoded.contains("/"), !decoded.contains("\0") else {
                    throw APIError(.badRequest, code: "invalid_path", message: "The file name is not valid percent-encoded UTF-8.")
                }
                return decoded
            }.joined(separator: "/")
            return FileAnswer(path: path, text: try await offloaded { try workbench.file(path, of: name) })
        }
        group.put("skills/:name/content", .admin) { request, context -> Response in
            let name = try context.parameters.require("name")
            let body = try await request.decode(as: ContentRequest.self, context: context)
            let ifMatch = request.headers[.ifMatch]
            let detail = try await audit.recording(.skillsEdit, target: name, by: context) {
                try workbench.updateContent(of: name, to: body.text, ifMatch: ifMatch)
            }
            return try .json(detail, etag: detail.etag)
        }
        group.put("skills/:name/enabled", .operate) { request, context -> EnabledAnswer in
            let name = try context.parameters.require("name")
            let body = try await request.decode(as: EnabledRequest.self, context: context)
            let change = try await toggles.set(name, enabled: body.enabled, platform: body.platform, actor: context.auditActor)
            guard let skill = try await offloaded({ registry.skills().first { $0.name == name } }) else {
                throw WorkspaceError.notFound(what: "Skill \(name)")
            }
            return EnabledAnswer(skill: skill, configEtag: change.snapshot.etag)
        }
    }
}

extension SkillDetail: ResponseEncodable {}
