import WorkspaceCore

/// The services the routers use, built once per process from the home.
public struct WorkspaceServices: Sendable {
    /// The home being served.
    public let home: HermesHome
    /// The API token.
    public let tokens: TokenStore
    /// The Status tab's data.
    public let status: StatusService

    /// Builds every service for `home`.
    public init(home: HermesHome) {
        self.home = home
        self.tokens = TokenStore(home: home)
        self.status = StatusService(home: home, gateway: GatewayMonitor(home: home))
    }
}
