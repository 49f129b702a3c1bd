import Foundation
import NIOCore

/// How the HTTP server is bound and guarded.
public struct WorkspaceServerConfiguration: Sendable {
    /// Address to listen on.
    public var host: String
    /// Port to listen on; 0 picks a free one.
    public var port: Int
    /// Prefix every route and asset lives under (`""` or `/hermes`), without a trailing slash.
    public var basePath: String
    /// Extra host names accepted by the Host guard (beyond the bound address's own names).
    public var extraAllowedHosts: [String]
    /// Largest request body accepted, in bytes.
    public var bodyLimit: Int
    /// Folder holding `dist/` (our bundle) and `vendor/` (React), or `nil` to serve the API only.
    public var webRoot: String?
    /// The web UI's files built into the binary (path under the web folder → bytes), served when `webRoot` is `nil`.
    public var embeddedWeb: [String: Data]?
    /// Quiet time after which an event stream sends a keep-alive comment (it is also how a gone client is noticed).
    public var eventHeartbeat: Duration = .seconds(15)
    /// How long a kept-alive connection may wait for its next request before it is closed (an answer in progress,
    /// an event stream included, is never cut).
    public var idleTimeout: TimeAmount = .seconds(60)
    /// PEM certificate chain and private key: serve HTTPS (HTTP/2 or HTTP/1.1 by ALPN) instead of plain HTTP.
    public var tls: (certificateChain: String, privateKey: String)?
    /// Peers whose `X-Forwarded-*` headers are believed.
    public var trustedProxies: [AddressBlock] = []
    /// The address users reach the workspace at through a proxy (its host is allowed; `https` makes cookies `Secure`).
    public var publicURL: URL?
    /// Whether a trusted proxy may be a loopback peer (any local process could then forward what it likes).
    public var trustLoopbackProxy = false
    /// Serve `GET /metrics` (token required); off by default.
    public var metricsEnabled = false
    /// How often the home's files are checked for changes where inotify is not available (seconds).
    public var homePollInterval: TimeInterval = 2
    /// Where each new pending approval is announced (signed POST, see ``ApprovalWebhook``); nil: nowhere.
    public var approvalWebhook: URL?

    /// Creates a configuration; the defaults are the secure local ones.
    public init(
        host: String = "127.0.0.1", port: Int = 9119, basePath: String = "", extraAllowedHosts: [String] = [],
        bodyLimit: Int = 1 << 20, webRoot: String? = nil
    ) {
        self.host = host
        self.port = port
        self.basePath = Self.normalize(basePath: basePath)
        self.extraAllowedHosts = extraAllowedHosts
        self.bodyLimit = bodyLimit
        self.webRoot = webRoot
    }

    /// Whether the server only listens on a loopback address.
    public var isLoopbackBind: Bool { Self.isLoopback(host) }

    /// Whether `host` is a loopback address or name (`127.0.0.0/8`, `::1`, `localhost`).
    public static func isLoopback(_ host: String) -> Bool { HostAllowList.isLoopback(host) }

    /// `/api/v1` under the base path.
    public var apiPrefix: String { basePath + "/api/v1" }

    /// Where the Prometheus metrics are served.
    public var metricsPath: String { basePath + "/metrics" }

    /// Turns `hermes/`, `/hermes/` or `/` into `/hermes` or `""`.
    public static func normalize(basePath: String) -> String {
        let trimmed = basePath.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
        return trimmed.isEmpty ? "" : "/" + trimmed
    }
}
