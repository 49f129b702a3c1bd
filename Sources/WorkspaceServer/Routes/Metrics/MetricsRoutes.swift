import Hummingbird
import NIOCore
import WorkspaceCore

/// `GET /metrics` in the Prometheus text format (0.0.4), registered only with `serve --metrics`; the token is required.
struct MetricsRoutes {
    let metrics: WorkspaceMetrics
    let services: WorkspaceServices

    func addRoutes(to group: SecuredRoutes, path: String) {
        group.get(RouterPath(path), .read) { _, _ -> Response in
            let text = await metrics.exposition(services: services)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
