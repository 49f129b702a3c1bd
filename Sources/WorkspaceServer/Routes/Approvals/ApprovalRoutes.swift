import Foundation
import Hummingbird
import WorkspaceCore

/// Approvals: the agent side submits and long-polls for the decision; the operator side lists, approves (once,
/// session, always) and denies, and manages the "always" rules.
struct ApprovalRoutes {
    let queue: ApprovalQueue
    let scope: ProfileScope
    let accounts: Accounts
    let credentials: CredentialStore

    /// The titles of the sessions `items` name, from each request's profile's `state.db` (a profile that is gone or
    /// a database that cannot be read leaves its requests without titles; the ids are still shown).
    private func sessionTitles(of items: [ApprovalRequest]) async -> [String: [String: String]] {
        var wanted: [String: Set<String>] = [:]
        for item in items {
            if let session = item.sessionID, !session.isEmpty { wanted[item.profile ?? ProfileName.default.rawValue, default: []].insert(session) }
        }
        var titles: [String: [String: String]] = [:]
        for (profile, ids) in wanted {
            guard let services = try? scope.homes.services(named: profile == ProfileName.default.rawValue ? nil : profile),
                let labels = try? await services.sessions.labels(of: ids), !labels.isEmpty
            else { continue }
            titles[profile] = labels
        }
        return titles
    }

    /// The staged writes of the profile `request` names.
    private func staged(_ request: Request) throws -> StagedWrites { try scope(request).stagedWrites }
    /// The `command_allowlist` of the profile `request` names.
    private func allowlist(_ request: Request) throws -> CommandAllowlist { try scope(request).allowlist }

    struct StagedList: ResponseEncodable {
        var items: [StagedWrites.Item]
    }

    struct RuleList: ResponseEncodable {
        /// The first bridge's exact-action rules (still honoured for its requests).
        var items: [ApprovalRule]
        /// The agent's own permanent approvals, `command_allowlist` in config.yaml.
        var allowlist: [CommandAllowlist.Entry]
    }

    struct ApproveRequest: Decodable {
        var scope: ApprovalRequest.Scope?
    }

    struct DenyRequest: Decodable {
        var reason: String?
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("approvals", .read) { request, _ -> ApprovalOverview in
            let values = QueryValues(request)
            var overview = try await ApprovalOverview.load(
                queue: queue, settings: try scope(request).config.approvalSettings(), accounts: accounts,
                status: try values.string("status", maximumLength: 10),
                limit: try values.int("limit", in: 1...500, default: 100))
            overview.sessionTitles = await sessionTitles(of: overview.items)
            return overview
        }
        group.post("approvals", .agent) { request, context -> Response in
            let submission = try await request.decode(as: ApprovalSubmission.self, context: context)
            var response = try signed(try await queue.submit(submission, actor: context.auditActor), request: request, context: context)
            response.status = .created
            return response
        }
        group.get("approvals/staged", .read) { request, _ in
            let staged = try staged(request)
            return StagedList(items: try await offloaded { staged.items() })
        }
        group.post("approvals/staged/:subsystem/:staged/approve", .operate) { request, context -> StagedWrites.Item in
            let item = try await staged(request).approve(try subsystem(context), try context.parameters.require("staged"), actor: context.auditActor)
            await queue.published()
            return item
        }
        group.post("approvals/staged/:subsystem/:staged/reject", .operate) { request, context -> StagedWrites.Item in
            let item = try await staged(request).reject(try subsystem(context), try context.parameters.require("staged"), actor: context.auditActor)
            await queue.published()
            return item
        }
        group.get("approvals/rules", .read) { request, _ in RuleList(items: try await queue.rules(), allowlist: try allowlist(request).entries()) }
        group.delete("approvals/allowlist", .admin) { request, context -> Response in
            guard let pattern = try QueryValues(request).string("pattern", maximumLength: 4_000), !pattern.isEmpty else {
                throw WorkspaceError.invalidInput("`pattern` names the entry to remove.")
            }
            try await allowlist(request).remove(pattern, actor: context.auditActor)
            return Response(status: .noContent)
        }
        group.delete("approvals/rules/:rule", .admin) { _, context -> Response in
            guard let id = Int64(try context.parameters.require("rule")) else { throw WorkspaceError.notFound(what: "Rule") }
            try await queue.deleteRule(id, actor: context.auditActor)
            return Response(status: .noContent)
        }
        group.get("approvals/:id", .read) { _, context in try await queue.request(try context.parameters.require("id")) }
        group.get("approvals/:id/decision", .agent) { request, context -> Response in
            let wait = try QueryValues(request).int("wait", in: 0...60, default: 0)
            return try signed(
                try await queue.waitForDecision(try context.parameters.require("id"), seconds: TimeInterval(wait)),
                request: request, context: context)
        }
        group.post("approvals/:id/outcome", .agent) { request, context -> Response in
            let outcome = try await request.decode(as: ApprovalOutcome.self, context: context)
            return try signed(
                try await queue.recordOutcome(try context.parameters.require("id"), outcome, actor: context.auditActor),
                request: request, context: context)
        }
        group.post("approvals/:id/approve", .operate) { request, context -> ApprovalRequest in
            let scope = try await request.decodeIfPresent(as: ApproveRequest.self, context: context)?.scope
            return try await queue.decide(try context.parameters.require("id"), approve: true, scope: scope ?? .once, actor: context.auditActor)
        }
        group.post("approvals/:id/deny", .operate) { request, context -> ApprovalRequest in
            let reason = try await request.decodeIfPresent(as: DenyRequest.self, context: context)?.reason
            return try await queue.decide(try context.parameters.require("id"), approve: false, reason: reason, actor: context.auditActor)
        }
    }
}

extension ApprovalRoutes {
    func subsystem(_ context: WorkspaceRequestContext) throws -> StagedWrites.Subsystem {
        guard let subsystem = StagedWrites.Subsystem(rawValue: try context.parameters.require("subsystem")) else {
            throw WorkspaceError.notFound(what: "Staged writes of that kind (memory or skills)")
        }
        return subsystem
    }

    /// `value` as JSON, signed for the approvals bridge when its agent token has a signing key:
    /// `X-Hermes-Signature: v1=<hex HMAC-SHA256(key, nonce + "\n" + body)>` with the `X-Hermes-Nonce` the bridge sent,
    /// so the bridge believes an answer only from this server, never from whatever else listens on its port.
    func signed(_ value: ApprovalRequest, request: Request, context: WorkspaceRequestContext) throws -> Response {
        let body = try StreamingJSONEncoder().encode(value)
        var response = Response.json(body)
        if let principal = context.principal, let key = try credentials.signingKey(for: principal),
            let nonce = request.headers[.hermesNonce], (16...128).contains(nonce.count)
        {
            response.headers[.hermesSignature] = CredentialStore.signature(key: key, nonce: nonce, body: body)
        }
        return response
    }
}

extension ApprovalRequest: ResponseEncodable {}
extension StagedWrites.Item: ResponseEncodable {}
extension ApprovalOverview: ResponseEncodable {}
