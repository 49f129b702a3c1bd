import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle
import WorkspaceCore

/// `/events`: the Server-Sent Events stream every open page keeps, and the tickets a browser opens it with.
struct EventRoutes {
    let bus: EventBus
    let tickets: EventTickets
    /// Seconds between keep-alive comments (they also reveal a client that went away).
    var heartbeat: Duration = .seconds(15)

    struct TicketAnswer: ResponseEncodable {
        var ticket: String
        var expiresAt: Date
    }

    func addRoutes(to group: SecuredRoutes) {
        group.post("events/ticket", .read) { _, context in
            let (ticket, expiry) = try tickets.issue(for: context.principal)
            return TicketAnswer(ticket: ticket, expiresAt: expiry)
        }
        group.get("events", .read, acceptsTicket: true) { request, context -> Response in
            // Lockout notices name accounts and addresses: admins only.
            let admin = context.principal?.role == .admin
            let shown: @Sendable (WorkspaceEvent) -> Bool = { admin || $0.kind != .authLockout }
            let lastEventID = try (request.headers[.lastEventID] ?? QueryValues(request).deprecatedAlias("lastEventID", old: "lastEventId")).flatMap {
                Int64($0)
            }
            let subscription = try bus.subscribe(after: lastEventID)
            let heartbeat = heartbeat
            return Response.eventStream { writer in
                defer { subscription.cancel() }
                var opening = "retry: 3000\n\n"
                if subscription.missedSome { opening += Self.frame(kind: .reset, id: nil, data: .object([])) }
                for event in subscription.replay where shown(event) { opening += Self.frame(event) }
                try await writer.write(ByteBuffer(string: opening))
                // A stopping server ends the stream itself (the client reconnects and resumes by id), so its
                // graceful shutdown never waits on an open page.
                try await withGracefulShutdownHandler {
                    try await Self.forward(subscription.events, heartbeat: heartbeat, shown: shown, to: &writer)
                } onGracefulShutdown: {
                    subscription.cancel()
                }
                try await writer.finish(nil)
            }
        }
    }

    /// Writes events as they come and a comment after every quiet `heartbeat`; returns when the bus ends the stream,
    /// throws when the client has gone (the write fails).
    private static func forward(
        _ events: AsyncStream<WorkspaceEvent>, heartbeat: Duration, shown: @escaping @Sendable (WorkspaceEvent) -> Bool,
        to writer: inout any ResponseBodyWriter
    ) async throws {
        enum Output: Sendable {
            case event(WorkspaceEvent)
            case ping, end
        }
        let (outputs, continuation) = AsyncStream.makeStream(of: Output.self)
        let forwarder = Task {
            for await event in events where shown(event) { continuation.yield(.event(event)) }
            continuation.yield(.end)
        }
        let pinger = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: heartbeat)
                continuation.yield(.ping)
            }
        }
        defer {
            forwarder.cancel()
            pinger.cancel()
            continuation.finish()
        }
        for await output in outputs {
            switch output {
            case .event(let event): try await writer.write(ByteBuffer(string: frame(event)))
            case .ping: try await writer.write(ByteBuffer(string: ": ping\n\n"))
            case .end: return
            }
        }
    }

    private static func frame(_ event: WorkspaceEvent) -> String {
        var data = event.data
        if case .object(var members) = data {
            members.append(.init("at", .string(ISO8601DateFormatter().string(from: event.at))))
            data = .object(members)
        }
        return frame(kind: event.kind, id: event.id, data: data)
    }

    private static func frame(kind: EventKind, id: Int64?, data: OrderedJSON) -> String {
        (id.map { "id: \($0)\n" } ?? "") + "event: \(kind.rawValue)\ndata: \(data.rendered(.compact))\n\n"
    }
}
