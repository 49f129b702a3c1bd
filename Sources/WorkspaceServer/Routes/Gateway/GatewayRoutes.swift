import Foundation
import Hummingbird
import WorkspaceCore

/// The gateway under the operator's hand, per profile (`?profile=`): start, stop, restart (background actions
/// joined by a second click) and drain, and the actions' progress with the last lines of their logs.
struct GatewayRoutes {
    let scope: ProfileScope

    struct DrainRequest: Decodable {
        var action: String?
        var suppressNotification: Bool?
    }

    struct ActionAnswer: ResponseEncodable {
        /// The action (running, or just begun).
        var action: GatewayControl.Action
        /// Whether this request joined one already running.
        var joined: Bool
    }

    struct ActionList: ResponseEncodable {
        /// The running action and the last of each verb, newest first.
        var items: [GatewayControl.Action]
    }

    func addRoutes(to group: SecuredRoutes) {
        for verb in GatewayControl.Verb.allCases {
            group.post(RouterPath("gateway/\(verb.rawValue)"), .operate) { request, context -> Response in
                let (action, joined) = try await scope(request).gateway.begin(verb, actor: context.auditActor)
                return try .json(ActionAnswer(action: action, joined: joined), status: .accepted)
            }
        }
        group.post("gateway/drain", .operate) { request, context -> GatewayControl.Drain in
            let body = try await request.decodeIfPresent(as: DrainRequest.self, context: context) ?? DrainRequest()
            let action = body.action ?? "drain"
            guard action == "drain" || action == "cancel" else { throw WorkspaceError.invalidInput("`action` is drain or cancel.") }
            return try await scope(request).gateway.drain(
                cancel: action == "cancel", suppressNotification: body.suppressNotification ?? false, actor: context.auditActor)
        }
        group.get("gateway/actions", .read) { request, _ -> ActionList in
            let control = try scope(request).gateway
            let items = GatewayControl.Verb.allCases.compactMap { control.action($0) }
            return ActionList(items: items.sorted { $0.startedAt > $1.startedAt })
        }
        group.get("gateway/actions/:name", .read) { request, context -> GatewayControl.Action in
            let name = try context.parameters.require("name")
            guard name.hasPrefix("gateway-"), let verb = GatewayControl.Verb(rawValue: String(name.dropFirst(8))),
                let action = try scope(request).gateway.action(verb)
            else { throw WorkspaceError.notFound(what: "Action \(name.prefix(40))") }
            return action
        }
    }
}

extension GatewayControl.Action: ResponseEncodable {}
extension GatewayControl.Drain: ResponseEncodable {}
