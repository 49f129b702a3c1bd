import Foundation
import Hummingbird
import WorkspaceCore

/// The profiles of the machine: `GET /profiles` (one row per profile — the machine-level Status), management with
/// the agent's own `hermes profile` commands, personas (`SOUL.md`), and the views across every profile (`/machine/…`).
struct ProfileRoutes {
    let homes: ProfileHomes
    let manager: ProfileManager
    let queue: ApprovalQueue

    struct ProfileList: ResponseEncodable {
        /// Every profile, the default first.
        var items: [ProfileSummary]
        /// The agent CLI's sticky profile.
        var active: String
    }

    struct CreateRequest: Decodable {
        var name: String
        var cloneFrom: String?
        var cloneAll: Bool?
        var description: String?
    }

    struct RenameRequest: Decodable {
        var name: String
    }

    struct DeleteRequest: Decodable {
        var dryRun: Bool?
        var confirm: String?
    }

    struct DescribeRequest: Decodable {
        var description: String
    }

    struct PersonaRequest: Decodable {
        var text: String
        var dryRun: Bool?
    }

    struct PersonaHistory: ResponseEncodable {
        var items: [ConfigVersion]
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("profiles", .read) { _, _ -> ProfileList in
            let pending = try await pendingByProfile()
            var items: [ProfileSummary] = []
            for services in homes.all() {
                items.append(await ProfileSummary.load(services, directory: homes.directory, pending: pending[services.profile.rawValue] ?? 0))
            }
            return ProfileList(items: items, active: homes.directory.active().rawValue)
        }
        group.post("profiles", .admin) { request, context -> Response in
            let body = try await request.decode(as: CreateRequest.self, context: context)
            let name = try await manager.create(
                body.name, cloneFrom: body.cloneFrom, all: body.cloneAll ?? false, description: body.description, actor: context.auditActor)
            return try .json(try await summary(name), status: .created)
        }
        group.get("profiles/:profile", .read) { _, context -> ProfileSummary in
            try await summary(try profile(context))
        }
        group.post("profiles/:profile/rename", .admin) { request, context -> ProfileSummary in
            let old = try profile(context)
            let body = try await request.decode(as: RenameRequest.self, context: context)
            let gateway = try await gatewayState(old).status
            if gateway.liveness == .running {
                throw WorkspaceError.conflict(
                    "Profile \(old)'s gateway is running (pid \(gateway.pid.map(String.init) ?? "?")); stop it before it is renamed.")
            }
            let new = try await manager.rename(old, to: body.name, actor: context.auditActor)
            homes.forget(old)
            return try await summary(new)
        }
        group.post("profiles/:profile/delete", .admin) { request, context -> ProfileManager.DeletionPlan in
            let name = try profile(context)
            let body = try await request.decodeIfPresent(as: DeleteRequest.self, context: context) ?? DeleteRequest()
            let gateway = try await gatewayState(name)
            if let action = gateway.action {
                throw WorkspaceError.conflict("A \(action.name) is running for profile \(name); wait for it to finish.")
            }
            let plan = try await manager.delete(
                name, confirm: body.confirm, dryRun: body.dryRun ?? true, gatewayRunning: gateway.status.liveness == .running,
                actor: context.auditActor)
            if !plan.dryRun { homes.forget(name) }
            return plan
        }
        group.put("profiles/:profile/description", .admin) { request, context -> ProfileSummary in
            let name = try profile(context)
            let body = try await request.decode(as: DescribeRequest.self, context: context)
            try await manager.describe(name, body.description, actor: context.auditActor)
            return try await summary(name)
        }
        group.get("profiles/:profile/soul", .read) { _, context -> Response in
            let persona = try await manager.persona(try profile(context))
            return try .json(persona, etag: persona.etag)
        }
        group.put("profiles/:profile/soul", .admin) { request, context -> Response in
            let name = try profile(context)
            let body = try await request.decode(as: PersonaRequest.self, context: context)
            let persona = try await manager.savePersona(
                name, body.text, revision: request.expectedRevision, dryRun: body.dryRun ?? false, actor: context.auditActor)
            return try .json(persona, etag: persona.etag)
        }
        group.get("profiles/:profile/soul/history", .read) { _, context in
            PersonaHistory(items: try await manager.personaHistory(try profile(context)))
        }
    }

    private func profile(_ context: WorkspaceRequestContext) throws -> ProfileName {
        let name = try ProfileName(try context.parameters.require("profile"))
        guard homes.directory.exists(name) else { throw WorkspaceError.notFound(what: "Profile \(name)") }
        return name
    }

    private func summary(_ name: ProfileName) async throws -> ProfileSummary {
        let pending = try await pendingByProfile()
        return await ProfileSummary.load(try homes.services(for: name), directory: homes.directory, pending: pending[name.rawValue] ?? 0)
    }

    private func pendingByProfile() async throws -> [String: Int] {
        try await queue.list(status: .pending, limit: 500).reduce(into: [:]) { $0[$1.profile ?? "default", default: 0] += 1 }
    }

    /// `name`'s gateway now (measured, not the second-old status) and its running action, if any.
    private func gatewayState(_ name: ProfileName) async throws -> (status: GatewayStatus, action: GatewayControl.Action?) {
        let services = try homes.services(for: name)
        let running = services.gateway.action().flatMap { $0.status == "running" ? $0 : nil }
        return (await services.gatewayMonitor.status(), running)
    }
}

extension ProfileSummary: ResponseEncodable {}
extension ProfileManager.DeletionPlan: ResponseEncodable {}
