import Foundation
import Hummingbird
import Logging
import NIOCore
import WorkspaceCore

/// The per-request context: Hummingbird's core storage plus our request id, client address and body limit.
struct WorkspaceRequestContext: RequestContext {
    /// Hummingbird's own per-request storage.
    var coreContext: CoreRequestContextStorage
    /// Id of this request, echoed in `X-Request-ID` and the access log.
    var requestID: String = ""
    /// The client's address: the peer's, or the one a trusted proxy forwarded.
    var clientAddress: String?
    /// The socket peer's own address.
    let peerAddress: String?
    /// The scheme a trusted proxy says the client used (`https`).
    var forwardedProto: String?
    /// The host a trusted proxy says the client asked for.
    var forwardedHost: String?
    /// Who the request is, once its route's access check has authenticated it (`nil` on public routes).
    var principal: Principal?
    /// Body limit applied by `request.decode`.
    var bodyLimit: Int = 1 << 20

    /// Creates the context from Hummingbird's source.
    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
        clientAddress = peerAddress
    }

    /// Who is asking, for the audit trail.
    var auditActor: AuditActor {
        principal.map { AuditActor(name: $0.name, address: clientAddress, requestID: requestID, role: $0.role, credentialID: $0.credentialID) }
            ?? AuditActor(address: clientAddress, requestID: requestID)
    }

    /// Bodies larger than this are refused with 413.
    var maxUploadSize: Int { bodyLimit }

    /// JSON with ISO-8601 dates, members in declaration order, as the API conventions say.
    var responseEncoder: WorkspaceResponseEncoder { WorkspaceResponseEncoder() }
}
