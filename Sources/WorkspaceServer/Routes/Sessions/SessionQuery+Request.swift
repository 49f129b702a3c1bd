import Foundation
import WorkspaceCore

extension SessionQuery {
    /// Reads a session list's filters, order and page from query parameters.
    init(_ values: QueryValues, timeZone: TimeZone) throws {
        self.init()
        platforms = try values.list("platform")
        models = try values.list("model")
        startedFrom = try values.date("from", timeZone: timeZone)
        startedBefore = try values.date("to", timeZone: timeZone, endOfDay: true)
        state = try values.choice("state", default: .any)
        hasChildren = try values.bool("hasChildren")
        empty = try values.bool("empty")
        archived = try values.choice("archived", default: .exclude)
        text = try values.string("q", maximumLength: 200)
        parentID = try values.string("parent", maximumLength: 256)
        // `profile` chooses the home (``ProfileScope``); the column filter has a name of its own.
        profile = try values.string("profileName", maximumLength: 64)
        sort = try values.choice("sort", default: .started)
        ascending =
            try values.string("order").map { order in
                guard order == "asc" || order == "desc" else { throw QueryValues.invalid("order", "must be asc or desc") }
                return order == "asc"
            } ?? false
        limit = try values.int("limit", in: 1...200, default: 25)
        if let token = try values.string("cursor", maximumLength: 2_048) {
            do {
                cursor = try SessionCursor(token: token, expecting: sort)
            } catch let error as WorkspaceError {
                throw QueryValues.invalid("cursor", "is not valid: \(error.description)")
            }
        }
    }
}
