import Foundation

/// Where the gateway's API server listens and with which key, read from `.env` as the gateway reads it: on when
/// `API_SERVER_ENABLED=true` or a key is set; `API_SERVER_HOST` (default 127.0.0.1), `API_SERVER_PORT` (default 8642).
struct APIServerSettings: Sendable {
    var enabled: Bool
    var host: String
    var port: Int
    var key: String?
    /// `API_SERVER_MODEL_NAME`, the model name the server advertises.
    var modelName: String?

    /// The settings in `home`'s `.env` now.
    init(home: HermesHome) {
        let environment = DotEnvReader().values(at: home.envFile)
        modelName = environment["API_SERVER_MODEL_NAME"].flatMap { $0.isEmpty ? nil : $0 }
        key = environment["API_SERVER_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        enabled = environment["API_SERVER_ENABLED"]?.lowercased() == "true" || key != nil
        host = environment["API_SERVER_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = environment["API_SERVER_PORT"].flatMap(Int.init).flatMap { (1...65535).contains($0) ? $0 : nil } ?? 8642
    }
}
