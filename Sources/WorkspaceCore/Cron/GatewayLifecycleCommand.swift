import Foundation

/// Commands that stop or restart the Hermes gateway (`hermes gateway restart`, `systemctl restart hermes-gateway`,
/// `launchctl kickstart … hermes.gateway`, `pkill … hermes … gateway`). The agent refuses cron jobs containing one,
/// because the job would kill the process that runs it, which would run it again on restart.
enum GatewayLifecycleCommand {
    private static let patterns = [
        #"hermes\s+gateway\s+(restart|stop)"#,
        #"launchctl\s+(kickstart|unload|load|stop|restart)\b[^\n]*\bhermes[.-]?gateway"#,
        #"systemctl\s+(-\S+\s+)*(restart|stop|start)\b[^\n]*\bhermes[.-]?gateway"#,
        #"p?kill\b[^\n]*\bhermes\b[^\n]*\bgateway"#,
        #"p?kill\b[^\n]*\bgateway\b[^\n]*\bhermes"#,
    ]

    /// Whether `text` contains such a command.
    static func appears(in text: String) -> Bool {
        patterns.contains { text.range(of: $0, options: [.regularExpression, .caseInsensitive]) != nil }
    }
}
