import Foundation
import Hummingbird
import WorkspaceCore

/// The Skills tab: `/skills`, every installed skill with its problems as warnings.
struct SkillRoutes {
    let registry: SkillsRegistry

    struct SkillList: ResponseEncodable {
        var items: [Skill]
        var categories: [String]
    }

    func addRoutes(to group: RouterGroup<WorkspaceRequestContext>) {
        group.get("skills") { request, _ -> SkillList in
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
    }
}
