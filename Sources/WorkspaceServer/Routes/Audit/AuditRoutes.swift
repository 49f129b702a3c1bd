import Foundation
import Hummingbird
import WorkspaceCore

/// `GET /audit`: the audit trail, newest first, paged by cursor and filtered.
struct AuditRoutes {
    let audit: AuditLog
    let timeZone: AgentTimeZone

    func addRoutes(to group: SecuredRoutes) {
        group.get("audit", .read) { request, _ -> AuditPage in
            let values = QueryValues(request)
            var query = AuditQuery()
            query.limit = try values.int("limit", in: 1...500, default: 50)
            query.beforeID = try values.string("cursor").map { text in
                guard let id = Int64(text), id > 0 else { throw QueryValues.invalid("cursor", "is not valid") }
                return id
            }
            query.actionPrefix = try values.string("action")
            query.target = try values.string("target")
            query.actor = try values.string("actor")
            query.outcome = try values.string("outcome").map { text in
                guard let outcome = AuditOutcome(rawValue: text) else {
                    throw QueryValues.invalid("outcome", "is one of \(AuditOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return outcome
            }
            // The trail is the machine's: without `profile` it lists every profile's events.
            query.profile = try values.nonEmpty("profile", maximumLength: 64).map { try ProfileName($0).rawValue }
            query.since = try values.date("since", timeZone: timeZone.current)
            query.until = try values.date("until", timeZone: timeZone.current, endOfDay: true)
            return try await audit.page(query)
        }
    }
}

extension AuditPage: ResponseEncodable {}
