import Foundation
import Hummingbird
import WorkspaceCore

/// The Users page (admins): accounts with their roles, who must use a second factor, and every sign-in, any of
/// which an admin can end. Disabling an account or changing its password ends its sign-ins at once; a role change
/// applies to its open sign-ins at once. The last enabled admin cannot be removed, disabled or demoted (409).
struct UserRoutes {
    let accounts: Accounts
    let sessions: LoginSessions
    let audit: AuditLog

    struct UserList: ResponseEncodable {
        var items: [Accounts.Account]
        /// Roles that must use a second factor.
        var requireSecondFactor: [Role]
    }

    struct NewUser: Decodable {
        var name: String
        var role: String
        var password: String
    }

    struct UserChange: Decodable {
        var role: String?
        var disabled: Bool?
        var password: String?
    }

    struct Policy: Decodable {
        var requireSecondFactor: [String]
    }

    struct SessionList: ResponseEncodable {
        var items: [LoginSessions.Listed]
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("users", .admin) { _, _ -> UserList in try list() }
        group.post("users", .admin) { request, context -> Response in
            let body = try await request.decode(as: NewUser.self, context: context, fields: ["name", "role", "password"])
            let role = try Self.role(body.role)
            let account = try await offloaded { [accounts] in try accounts.create(body.name, role: role, password: body.password) }
            try? await audit.record(AuditEvent(action: .usersCreate, target: account.name, summary: role.rawValue, actor: context.auditActor))
            return try Response.json(account, status: .created)
        }
        group.patch("users/:name", .admin) { request, context -> Accounts.Account in
            let body = try await request.decode(as: UserChange.self, context: context, fields: ["role", "disabled", "password"])
            let name = try context.parameters.require("name")
            guard let account = try accounts.account(named: name) else { throw WorkspaceError.notFound(what: "Account \(name)") }
            guard body.role != nil || body.disabled != nil || body.password != nil else {
                throw WorkspaceError.invalidInput("Send role, disabled or password.")
            }
            let role = try body.role.map(Self.role)
            var changes: [String] = []
            if let role, role != account.role {
                try accounts.setRole(account.name, role)
                changes.append("role \(account.role.rawValue) → \(role.rawValue)")
            }
            if let disabled = body.disabled, disabled != account.disabled {
                try accounts.setDisabled(account.name, disabled)
                if disabled { try sessions.endAll(user: account.name) }
                changes.append(disabled ? "disabled" : "enabled")
            }
            if let password = body.password {
                try await offloaded { [accounts] in try accounts.setPassword(account.name, to: password) }
                try sessions.endAll(user: account.name)
                changes.append("password set")
            }
            try? await audit.record(
                AuditEvent(action: .usersUpdate, target: account.name, summary: changes.joined(separator: ", "), actor: context.auditActor))
            return try accounts.account(named: account.name)!
        }
        group.delete("users/:name", .admin) { _, context -> Response in
            let name = try context.parameters.require("name")
            try accounts.remove(name)
            try sessions.endAll(user: name)
            try? await audit.record(AuditEvent(action: .usersDelete, target: name, actor: context.auditActor))
            return Response(status: .noContent)
        }
        group.post("users/:name/second-factor/reset", .admin) { _, context -> Accounts.Account in
            let name = try context.parameters.require("name")
            try accounts.removeSecondFactor(name)
            try sessions.endAll(user: name)
            try? await audit.record(AuditEvent(action: .accountSecondFactor, target: name, summary: "reset by an admin", actor: context.auditActor))
            return try accounts.account(named: name)!
        }
        group.put("users/policy", .admin) { request, context -> UserList in
            let body = try await request.decode(as: Policy.self, context: context, fields: ["requireSecondFactor"])
            let roles = Set(try body.requireSecondFactor.map(Self.role))
            try accounts.requireSecondFactor(for: roles)
            try? await audit.record(
                AuditEvent(
                    action: .usersPolicy, target: "second factor",
                    summary: roles.isEmpty
                        ? "required for nobody" : "required for " + Role.staff.filter(roles.contains).map(\.rawValue).joined(separator: ", "),
                    actor: context.auditActor))
            return try list()
        }
        group.get("users/sessions", .admin) { _, context -> SessionList in
            let current = context.principal.flatMap { $0.credentialID.hasPrefix("session:") ? String($0.credentialID.dropFirst(8)) : nil }
            return SessionList(items: try sessions.list(user: nil, current: current))
        }
        group.delete("users/sessions/:id", .admin) { _, context -> Response in
            let id = try context.parameters.require("id")
            guard try sessions.end(id: id) else { throw WorkspaceError.notFound(what: "Sign-in \(id.prefix(12))") }
            try? await audit.record(AuditEvent(action: .accountSessionEnd, target: id, summary: "ended by an admin", actor: context.auditActor))
            return Response(status: .noContent)
        }
    }

    private func list() throws -> UserList {
        let required = try accounts.rolesRequiringSecondFactor()
        return UserList(items: try accounts.list(), requireSecondFactor: Role.staff.filter(required.contains))
    }

    static func role(_ text: String) throws -> Role {
        guard let role = Role(rawValue: text), Role.staff.contains(role) else {
            throw WorkspaceError.invalidInput("Unknown role \(text.prefix(40)): a role is viewer, operator or admin.")
        }
        return role
    }
}

extension Accounts.Account: ResponseEncodable {}
