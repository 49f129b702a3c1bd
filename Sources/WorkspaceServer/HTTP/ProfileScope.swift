import Hummingbird
import WorkspaceCore

/// The one scoping rule of the API: a request is about the profile named by its `profile` query parameter
/// (`?profile=coder`), and about the default profile (the root home) without one — so every path of the single-home
/// API still means what it meant. A malformed name is a 400 and an unknown one a 404, before any path is built.
struct ProfileScope: Sendable {
    let homes: ProfileHomes

    /// The services of the profile `request` names.
    func callAsFunction(_ request: Request) throws -> HomeServices {
        // Most requests name no profile: a substring test decides that without parsing the query.
        guard let query = request.uri.query, query.contains("profile") || query.contains("%") else { return homes.main }
        return try homes.services(named: try QueryValues(request).nonEmpty("profile", maximumLength: 64))
    }
}
