import Foundation

/// `approvals.mode` and `approvals.timeout` as the agent reads them from `config.yaml`: unknown modes are `manual`,
/// YAML `false`/`off` is `off`, the timeout defaults to 60 s.
public struct ApprovalSettings: Sendable, Encodable, Equatable {
    /// `manual`, `smart` or `off`.
    public var mode: String
    /// Seconds a request waits for a decision before it is denied.
    public var timeout: Int

    /// The settings in `home`'s `config.yaml` now (``ConfigStore/approvalSettings()`` reads the kept parse instead).
    public init(home: HermesHome) {
        self.init(config: (try? String(contentsOf: home.configFile, encoding: .utf8)).flatMap { try? YAMLDocument(text: $0).value })
    }

    /// The settings in the parsed `config.yaml` `value` (nil when there is none or it does not parse).
    public init(config value: OrderedJSON?) {
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
