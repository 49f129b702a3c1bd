import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct ChannelsTests {
    private func channels(_ fixture: FixtureHome) -> Channels {
        let audit = AuditLog(home: fixture.home)
        let config = ConfigStore(home: fixture.home, audit: audit, environment: [:])
        let keys = KeyVault(home: fixture.home, audit: audit, environment: [:])
        return Channels(config: config, keys: keys, status: StatusService(home: fixture.home, gateway: GatewayMonitor(home: fixture.home)))
    }

    private static let loader = """
        import json
        from hermes_cli.env_loader import load_hermes_dotenv
        load_hermes_dotenv()
        from gateway.config import load_gateway_config, Platform
        config = load_gateway_config()
        out = {}
        for platform in (Platform.TELEGRAM, Platform.DISCORD):
            block = config.platforms.get(platform)
            out[platform.value] = None if block is None else {
                "enabled": block.enabled, "home": block.home_channel.to_dict() if block.home_channel else None}
        print(json.dumps(out))
        """

    @Test func enabledByCredentialOrConfigAndTheHomeChannelAsTheGatewayReadsThem() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write("# platforms below\ntimezone: Europe/Berlin\n", to: "config.yaml")
        try fixture.write("TELEGRAM_BOT_TOKEN=123:abc\nDISCORD_BOT_TOKEN=xyz\n", to: ".env")
        let channels = channels(fixture)
        var list = try await channels.list()
        let telegram = try #require(list.items.first { $0.id == "telegram" })
        #expect(telegram.enabled && telegram.enabledBy == "credential" && telegram.configured)
        #expect(telegram.keys.first { $0.name == "TELEGRAM_BOT_TOKEN" }?.masked != nil && telegram.keys.allSatisfy { $0.value != "123:abc" })
        #expect(list.items.prefix(2).map(\.id).sorted() == ["discord", "telegram"], "configured first")
        list = try await channels.setEnabled("discord", false, actor: nil)
        #expect(list.items.first { $0.id == "discord" }.map { !$0.enabled && $0.enabledBy == "config" } == true)
        list = try await channels.setHome("telegram", chatID: "-100123", name: "Ops room", threadID: nil, actor: nil)
        #expect(list.items.first { $0.id == "telegram" }?.home == Channels.Home(chatID: "-100123", name: "Ops room", threadID: nil, source: "env"))
        await #expect(throws: WorkspaceError.self) { try await channels.setHome("telegram", chatID: "a\nb", name: nil, threadID: nil, actor: nil) }
        await #expect(throws: WorkspaceError.self) { try await channels.setEnabled("myspace", true, actor: nil) }
        let config = String(decoding: try Data(contentsOf: fixture.home.configFile), as: UTF8.self)
        #expect(config.hasPrefix("# platforms below\ntimezone: Europe/Berlin\n"), "the rest of the file is as it was:\n\(config)")

        guard AgentPython.url != nil else { return AgentPython.noteSkipped("the reference agent's read-back") }
        let run = try await AgentPython.run(["-c", Self.loader], home: fixture.home)
        #expect(run.status == 0, "\(run.errors)")
        let line = String(decoding: run.output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let agentTelegram = try #require(answer["telegram"] as? [String: Any], "\(answer)")
        #expect(agentTelegram["enabled"] as? Bool == true)
        #expect((agentTelegram["home"] as? [String: Any])?["chat_id"] as? String == "-100123")
        #expect((agentTelegram["home"] as? [String: Any])?["name"] as? String == "Ops room")
        #expect(
            (answer["discord"] as? [String: Any])?["enabled"] as? Bool == false,
            "our explicit off wins over its token, as the gateway reads it: \(answer)")
    }
}
