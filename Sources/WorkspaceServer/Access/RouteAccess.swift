import HTTPTypes
import Hummingbird
import WorkspaceCore

/// Who may call a route, declared where the route is registered. There is no default: a route is public only when
/// it says `.public`, and ``buildRouter(configuration:services:assets:logger:metrics:)`` refuses to start when the
/// router holds a route this table does not (fail closed).
struct RouteAccess: Sendable, Hashable, CustomStringConvertible {
    /// The roles admitted; empty means public.
    let roles: Set<Role>
    /// Whether a session that must first enroll a second factor may call it (its own account's routes).
    var duringEnrollment = false

    /// No credential needed (health, sign-in, who-am-I).
    static let `public` = RouteAccess(roles: [])
    /// Every staff role: the reads.
    static let read = RouteAccess(roles: [.viewer, .operator, .admin])
    /// Operators and admins: approvals decisions, cron pause/resume/trigger, skill toggles.
    static let operate = RouteAccess(roles: [.operator, .admin])
    /// Admins only: config, keys, rules, deletes, secrets.
    static let admin = RouteAccess(roles: [.admin])
    /// Every staff role, on their own account (password, second factor, sessions) — also while a session must
    /// first enroll a second factor.
    static let account = RouteAccess(roles: [.viewer, .operator, .admin], duringEnrollment: true)
    /// The approvals bridge (and an admin testing it): submit a request and wait for its decision.
    static let agent = RouteAccess(roles: [.agent, .admin])

    /// Whether the route needs no credential.
    var isPublic: Bool { roles.isEmpty }

    /// Whether `role` may call the route.
    func admits(_ role: Role) -> Bool { isPublic || roles.contains(role) }

    /// The least staff role admitted, for refusals ("needs operator").
    var leastRole: Role? { Role.staff.first(where: roles.contains) ?? roles.first }

    var description: String {
        isPublic ? "public" : Role.allCases.filter(roles.contains).map(\.rawValue).joined(separator: "|")
    }
}

/// Every route the server registers, with its access: the table the access tests are generated from.
final class RouteTable: Sendable {
    /// One registered route.
    struct Entry: Sendable, Hashable {
        /// Its method.
        let method: HTTPRequest.Method
        /// Its full path template (`/api/v1/approvals/:id`).
        let path: String
        /// Who may call it.
        let access: RouteAccess
        /// Whether a single-use event ticket in `?ticket=` may stand in for the credential (event streams).
        let acceptsTicket: Bool
    }

    private let stored = LockedValue<[Entry]>([])

    /// An empty table.
    init() {}

    /// Every entry, in registration order.
    var entries: [Entry] { stored.value }

    func add(_ entry: Entry) { stored.withValue { $0.append(entry) } }
}

/// Registers routes with their access: each handler runs only after ``Authenticator`` has admitted the request.
struct SecuredRoutes {
    let group: RouterGroup<WorkspaceRequestContext>
    let prefix: RouterPath
    let table: RouteTable
    let authenticator: Authenticator

    /// Routes under `path` below this group.
    func group(_ path: RouterPath) -> SecuredRoutes {
        SecuredRoutes(group: group.group(path), prefix: prefix.appendingPath(path), table: table, authenticator: authenticator)
    }

    @discardableResult
    func on<Output: ResponseGenerator>(
        _ path: RouterPath, method: HTTPRequest.Method, _ access: RouteAccess, acceptsTicket: Bool = false,
        use handler: @escaping @Sendable (Request, WorkspaceRequestContext) async throws -> Output
    ) -> SecuredRoutes {
        table.add(.init(method: method, path: prefix.appendingPath(path).description, access: access, acceptsTicket: acceptsTicket))
        let authenticator = authenticator
        group.on(path, method: method) { request, context -> Response in
            let admitted = try await authenticator.admit(request, context: context, access: access, acceptsTicket: acceptsTicket)
            return try await handler(request, admitted).response(from: request, context: admitted)
        }
        return self
    }

    @discardableResult
    func get<Output: ResponseGenerator>(
        _ path: RouterPath, _ access: RouteAccess, acceptsTicket: Bool = false,
        use handler: @escaping @Sendable (Request, WorkspaceRequestContext) async throws -> Output
    ) -> SecuredRoutes {
        on(path, method: .get, access, acceptsTicket: acceptsTicket, use: handler)
    }

    @discardableResult
    func post<Output: ResponseGenerator>(
        _ path: RouterPath, _ access: RouteAccess,
        use handler: @escaping @Sendable (Request, WorkspaceRequestContext) async throws -> Output
    ) -> SecuredRoutes {
        on(path, method: .post, access, use: handler)
    }

    @discardableResult
    func put<Output: ResponseGenerator>(
        _ path: RouterPath, _ access: RouteAccess,
        use handler: @escaping @Sendable (Request, WorkspaceRequestContext) async throws -> Output
    ) -> SecuredRoutes {
        on(path, method: .put, access, use: handler)
    }

    @discardableResult
    func patch<Output: ResponseGenerator>(
        _ path: RouterPath, _ access: RouteAccess,
        use handler: @escaping @Sendable (Request, WorkspaceRequestContext) async throws -> Output
    ) -> SecuredRoutes {
        on(path, method: .patch, access, use: handler)
    }

    @discardableResult
    func delete<Output: ResponseGenerator>(
        _ path: RouterPath, _ access: RouteAccess,
        use handler: @escaping @Sendable (Request, WorkspaceRequestContext) async throws -> Output
    ) -> SecuredRoutes {
        on(path, method: .delete, access, use: handler)
    }
}
