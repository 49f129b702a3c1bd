import Foundation
import Hummingbird
import WorkspaceCore

/// A signed-in person's own account: password, second factor (TOTP enrollment with recovery codes) and the list of
/// their sign-ins, each of which they can end. Open to every staff role (``RouteAccess/account``), also while a
/// session must enroll a second factor before anything else; a token has no account, so these answer 409 to one.
struct AccountRoutes {
    let accounts: Accounts
    let sessions: LoginSessions
    let throttle: LoginThrottle
    let audit: AuditLog

    struct Mine: ResponseEncodable {
        var name: String
        var role: Role
        var secondFactor: Bool
        var recoveryCodesLeft: Int
        /// Whether an admin requires a second factor for this role.
        var secondFactorRequired: Bool
        var lastSignInAt: Date?
    }

    struct PasswordChange: Decodable {
        var current: String
        var new: String
    }

    struct CodeRequest: Decodable {
        var code: String
    }

    struct PasswordProof: Decodable {
        var password: String
    }

    struct Codes: ResponseEncodable {
        /// Shown once; each works one time in place of a code.
        var recoveryCodes: [String]
    }

    struct SessionList: ResponseEncodable {
        var items: [LoginSessions.Listed]
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("auth/account", .account) { _, context -> Mine in try mine(context) }
        group.post("auth/password", .account) { request, context -> Response in
            let body = try await request.decode(as: PasswordChange.self, context: context, fields: ["current", "new"])
            let (principal, name) = try own(context)
            try await prove(name, body.current, context)
            try await offloaded { [accounts] in try accounts.setPassword(name, to: body.new) }
            let ended = try sessions.endAll(user: name, except: sessionID(principal))
            try? await audit.record(
                AuditEvent(action: .accountPassword, target: name, summary: "\(ended) other sign-ins ended", actor: context.auditActor))
            return Response(status: .noContent)
        }
        group.post("auth/second-factor", .account) { _, context -> Accounts.Enrollment in
            let (_, name) = try own(context)
            return try accounts.beginSecondFactor(name)
        }
        group.post("auth/second-factor/confirm", .account) { request, context -> Codes in
            let body = try await request.decode(as: CodeRequest.self, context: context, fields: ["code"])
            let (_, name) = try own(context)
            let codes = try accounts.confirmSecondFactor(name, code: body.code.trimmingCharacters(in: .whitespaces))
            try? await audit.record(AuditEvent(action: .accountSecondFactor, target: name, summary: "enrolled", actor: context.auditActor))
            return Codes(recoveryCodes: codes)
        }
        group.post("auth/second-factor/recovery-codes", .account) { request, context -> Codes in
            let body = try await request.decode(as: PasswordProof.self, context: context, fields: ["password"])
            let (_, name) = try own(context)
            try await prove(name, body.password, context)
            let codes = try accounts.newRecoveryCodes(name)
            try? await audit.record(AuditEvent(action: .accountSecondFactor, target: name, summary: "new recovery codes", actor: context.auditActor))
            return Codes(recoveryCodes: codes)
        }
        group.post("auth/second-factor/remove", .account) { request, context -> Response in
            let body = try await request.decode(as: PasswordProof.self, context: context, fields: ["password"])
            let (principal, name) = try own(context)
            guard try !accounts.rolesRequiringSecondFactor().contains(principal.role) else {
                throw WorkspaceError.conflict("Your role must use a second factor; an admin can reset it if the phone is lost.")
            }
            try await prove(name, body.password, context)
            try accounts.removeSecondFactor(name)
            try? await audit.record(AuditEvent(action: .accountSecondFactor, target: name, summary: "removed", actor: context.auditActor))
            return Response(status: .noContent)
        }
        group.get("auth/sessions", .account) { _, context -> SessionList in
            let (principal, name) = try own(context)
            return SessionList(items: try sessions.list(user: name, current: sessionID(principal)))
        }
        group.delete("auth/sessions/:id", .account) { _, context -> Response in
            let (_, name) = try own(context)
            let id = try context.parameters.require("id")
            guard try sessions.end(id: id, user: name) else { throw WorkspaceError.notFound(what: "Sign-in \(id.prefix(12))") }
            try? await audit.record(AuditEvent(action: .accountSessionEnd, target: "\(name):\(id)", actor: context.auditActor))
            return Response(status: .noContent)
        }
    }

    private func mine(_ context: WorkspaceRequestContext) throws -> Mine {
        let account = try ownAccount(context)
        return Mine(
            name: account.name, role: account.role, secondFactor: account.secondFactor, recoveryCodesLeft: account.recoveryCodesLeft,
            secondFactorRequired: try accounts.rolesRequiringSecondFactor().contains(account.role), lastSignInAt: account.lastSignInAt)
    }

    /// The signed-in principal and its account name; a token (no account) is a 409.
    private func own(_ context: WorkspaceRequestContext) throws -> (Principal, String) {
        let account = try ownAccount(context)
        return (context.principal!, account.name)
    }

    /// The signed-in principal's account (one read); a token or a sign-in link's session has none (409).
    private func ownAccount(_ context: WorkspaceRequestContext) throws -> Accounts.Account {
        guard let principal = context.principal, principal.kind == .session, let account = try accounts.account(named: principal.name) else {
            throw WorkspaceError.conflict("This is for a signed-in account; a token or a sign-in link has none.")
        }
        return account
    }

    private func sessionID(_ principal: Principal) -> String? {
        principal.credentialID.hasPrefix("session:") ? String(principal.credentialID.dropFirst("session:".count)) : nil
    }

    /// Checks `password` is `name`'s, throttled like a sign-in (a stolen session cannot guess it quickly).
    private func prove(_ name: String, _ password: String, _ context: WorkspaceRequestContext) async throws {
        let address = context.clientAddress ?? "unknown"
        try throttle.begin(address: address, user: name)
        let account: Accounts.Account?
        do {
            account = try await offloaded { [accounts] in try accounts.verify(name, password: password) }
        } catch {
            throttle.abandoned(address: address, user: name)
            throw error
        }
        guard account != nil else {
            throttle.failed(address: address, user: name)
            throw APIError(.forbidden, code: "invalid_credentials", message: "Your current password is not right.")
        }
        throttle.succeeded(address: address, user: name)
    }
}

extension Accounts.Enrollment: ResponseEncodable {}
