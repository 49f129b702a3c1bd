import Foundation
import WorkspaceCore

/// `POST /sessions/delete`: either explicit ids, or a filter (dry run unless `dryRun` is `false`).
struct BulkDeleteRequest: Decodable {
    /// The list filters a bulk delete accepts (the same meaning as the list's query parameters).
    struct Filter: Decodable {
        var platform: [String]?
        var model: [String]?
        var from: Double?
        var to: Double?
        var state: String?
        var hasChildren: Bool?
        /// Conversations with no messages.
        var empty: Bool?
        /// Started more than this many days ago (prune by age); combined with `to`, the earlier bound wins.
        var olderThanDays: Double?
        var archived: String?
        var q: String?
        var profile: String?

        /// The equivalent list query; refuses a filter that narrows nothing.
        func query(timeZone: TimeZone, now: Date = Date()) throws -> SessionQuery {
            var query = SessionQuery()
            query.platforms = platform ?? []
            query.models = model ?? []
            query.startedFrom = from.map(Date.init(timeIntervalSince1970:))
            query.startedBefore = to.map(Date.init(timeIntervalSince1970:))
            if let state {
                guard let value = SessionQuery.State(rawValue: state) else {
                    throw APIError(.badRequest, code: "invalid_input", message: "`filter.state` must be any, open or ended.")
                }
                query.state = value
            }
            query.hasChildren = hasChildren
            query.empty = empty
            if let olderThanDays {
                guard olderThanDays.isFinite, olderThanDays >= 1, olderThanDays <= 36_500 else {
                    throw APIError(.badRequest, code: "invalid_input", message: "`filter.olderThanDays` is 1 to 36500.")
                }
                let bound = now.addingTimeInterval(-olderThanDays * 86_400)
                query.startedBefore = min(query.startedBefore ?? bound, bound)
            }
            if let archived {
                guard let value = SessionQuery.Archived(rawValue: archived) else {
                    throw APIError(.badRequest, code: "invalid_input", message: "`filter.archived` must be exclude, only or include.")
                }
                query.archived = value
            }
            query.text = q
            query.profile = profile
            var narrowing = query
            narrowing.archived = .exclude
            guard narrowing != SessionQuery() || query.archived == .only else {
                throw APIError(
                    .badRequest, code: "invalid_input",
                    message: "A bulk delete filter must narrow the sessions down; an empty filter matches everything.")
            }
            return query
        }
    }

    var ids: [String]?
    var filter: Filter?
    var dryRun: Bool?
}
