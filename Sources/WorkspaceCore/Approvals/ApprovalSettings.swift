import Foundation

/// `approvals.mode` and `approvals.timeout` as the agent reads them from `config.yaml`: unknown modes are `manual`,
/// YAML `false`/`off` is `off`, the timeout defaults to 60 s.
public struct ApprovalSettings: Sendable, Encodable, Equatable {
    /// `manual`, `smart` or `off`.
    public var mode: String
    /// Seconds a request waits for a decision before it is denied.
    public var timeout: Int

    /// The settings in `home`'s `config.yaml` now.
    public init(home: HermesHome) {
        let value = (try? String(contentsOf: home.configFile, encoding: .utf8)).flatMap { try? YAMLDocument(text: $0).value }
        let approvals = value?["approvals"]
        switch approvals?["mode"] {
        case .bool(false)?: mode = "off"
        case .string(let text)?: mode = ["manual", "smart", "off"].contains(text.lowercased()) ? text.lowercased() : "manual"
        default: mode = "smart"
        }
        let seconds = approvals?["timeout"]?.intValue ?? 60
        timeout = (1...86_400).contains(seconds) ? seconds : 60
    }
}
