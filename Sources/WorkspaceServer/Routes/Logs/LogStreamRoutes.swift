import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle
import WorkspaceCore

/// `GET /logs/stream`: new records of one log as Server-Sent Events, with the `/logs` filters, resumable by the
/// event id (the position after the last record sent), following rotation and truncation.
struct LogStreamRoutes {
    let scope: ProfileScope
    let bus: EventBus
    let slots: ConcurrencyLimit
    let heartbeat: Duration
    /// How often the file is looked at; appends show up within this.
    var interval: Duration = .milliseconds(100)

    func addRoutes(to group: SecuredRoutes) {
        group.get("logs/stream", .read, acceptsTicket: true) { request, _ -> Response in
            let values = QueryValues(request)
            let home = try scope(request).home
            let log = try values.string("file", maximumLength: 64) ?? "agent"
            guard LogFiles.isLogName(log) else { throw QueryValues.invalid("file", "is not a log name") }
            let filter = try LogRoutes.filter(values)
            let resumeText = try request.headers[.lastEventID] ?? values.deprecatedAlias("lastEventID", old: "lastEventId")
            let resume = try resumeText.map { text -> LogCursor in
                guard let cursor = LogCursor(text) else { throw QueryValues.invalid("lastEventId", "is not a log position") }
                return cursor
            }
            let start = resume ?? LogFollower.end(of: log, in: home)
            try slots.acquire()
            let (bus, slots, heartbeat, interval) = (bus, slots, heartbeat, interval)
            return Response.eventStream { writer in
                defer { slots.release() }
                let follower = try LogFollower(home: home, log: log, from: start)
                try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
                let clock = ContinuousClock()
                var lastWrite = clock.now
                // A stopping server ends the stream (the client resumes from its last id).
                let stopping = LockedValue(false)
                try await withGracefulShutdownHandler {
                    while !bus.isClosed, !stopping.value, !Task.isCancelled {
                        var frames = ""
                        do {
                            for followed in try follower.poll() where try filter.matches(followed.record) {
                                let data = String(decoding: try StreamingJSONEncoder().encode(followed.record), as: UTF8.self)
                                frames += "id: \(followed.resumeAt.text)\nevent: record\ndata: \(data)\n\n"
                            }
                        } catch WorkspaceError.invalidInput(let reason) {
                            // Only the search can refuse (a pattern too slow on a record); a failing read
                            // still ends the stream as before.
                            let data = String(decoding: try JSONEncoder().encode(["code": "invalid_input", "message": reason]), as: UTF8.self)
                            try await writer.write(ByteBuffer(string: frames + "event: error\ndata: \(data)\n\n"))
                            break
                        }
                        if frames.isEmpty, clock.now - lastWrite >= heartbeat { frames = ": ping\n\n" }
                        if !frames.isEmpty {
                            try await writer.write(ByteBuffer(string: frames))
                            lastWrite = clock.now
                        }
                        try await Task.sleep(for: interval)
                    }
                } onGracefulShutdown: {
                    stopping.value = true
                }
                try await writer.finish(nil)
            }
        }
    }
}
