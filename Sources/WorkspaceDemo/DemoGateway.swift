import Foundation
import WorkspaceCore

/// `gateway.pid` and `gateway_state.json` as a running gateway writes them: two messaging platforms, one of them
/// failing, plus the API server. No process backs them, so the Status tab shows them as a stale pid file — which
/// is exactly what an operator sees after the gateway died without cleaning up.
struct DemoGateway {
    static let pid = 4_194_301
    let now: Date

    func write(to home: HermesHome, writer: AtomicFileWriter) throws {
        let argv: OrderedJSON = .array([.string("/home/demo/.local/bin/hermes"), .string("gateway"), .string("run")])
        let record = OrderedJSON.object(["pid": .int(Self.pid), "kind": .string("hermes-gateway"), "argv": argv, "start_time": .int(123_456)])
        try writer.write(Data(record.rendered(.singleLine).utf8), to: home.gatewayPIDFile)
        let updated = ISO8601DateFormatter().string(from: now.addingTimeInterval(-90))
        let state = OrderedJSON.object([
            "pid": .int(Self.pid), "kind": .string("hermes-gateway"), "argv": argv, "start_time": .int(123_456),
            "gateway_state": .string("running"), "exit_reason": .null, "restart_requested": .bool(false), "active_agents": .int(1),
            "platforms": .object([
                "telegram": .object(["state": .string("connected"), "error_code": .null, "error_message": .null, "updated_at": .string(updated)]),
                "discord": .object([
                    "state": .string("fatal"), "error_code": .string("invalid_token"),
                    "error_message": .string("Discord rejected the bot token (401 Unauthorized)"), "updated_at": .string(updated),
                ]),
                "api_server": .object(["state": .string("connected"), "updated_at": .string(updated)]),
            ]),
            "updated_at": .string(updated),
        ])
        try writer.write(Data(state.rendered(.compact).utf8), to: home.gatewayStateFile)
    }
}
