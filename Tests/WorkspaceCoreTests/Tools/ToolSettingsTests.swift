import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct ToolSettingsTests {
    private static let original = """
        # My agent
        model: anthropic/claude-sonnet-4.5   # main model
        terminal:
          backend: local   # runs on this machine
          timeout: 120
        timezone: Europe/Berlin

        """

    private func settings(_ fixture: FixtureHome) -> (ToolSettings, ConfigStore) {
        let audit = AuditLog(home: fixture.home)
        let config = ConfigStore(home: fixture.home, audit: audit, environment: [:])
        let python = AgentPython.url?.path
        return (
            ToolSettings(home: fixture.home, config: config, keys: KeyVault(home: fixture.home, audit: audit, environment: [:]), python: { python }),
            config
        )
    }

    private func configText(_ fixture: FixtureHome) throws -> String {
        String(decoding: try Data(contentsOf: fixture.home.configFile), as: UTF8.self)
    }

    @Test func theTerminalBackendIsEditedInPlace() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write(Self.original, to: "config.yaml")
        try fixture.write("TERMINAL_DOCKER_IMAGE=python:3.12\n", to: ".env")
        let (tools, _) = settings(fixture)
        var terminal = try tools.terminal()
        #expect(terminal.backend == "local" && terminal.overriddenBy == ["TERMINAL_DOCKER_IMAGE"])
        #expect(terminal.settings.first { $0.key == "timeout" }.map { $0.value == .int(120) && $0.set } == true)
        #expect(terminal.settings.first { $0.key == "docker_image" }?.set == false)
        terminal = try await tools.setTerminal(
            .init(backend: "docker", settings: ["docker_image": .string("python:3.12-slim"), "container_memory": .int(2048), "timeout": .null]),
            expecting: .exactly(terminal.etag), actor: nil)
        #expect(terminal.backend == "docker" && terminal.settings.first { $0.key == "timeout" }?.set == false)
        let text = try configText(fixture)
        // The comment stays, in its column.
        #expect(text.contains("  backend: docker  # runs on this machine") && text.contains("docker_image: python:3.12-slim"))
        #expect(!text.contains("timeout: 120") && text.hasPrefix("# My agent\nmodel: anthropic/claude-sonnet-4.5   # main model\n"))

        let before = try configText(fixture)
        let bad: [ToolSettings.TerminalDraft] = [
            .init(backend: "kubernetes"), .init(settings: ["timeout": .string("soon")]), .init(settings: ["rm_rf": .bool(true)]),
            .init(settings: ["ssh_key": .string("-----BEGIN OPENSSH PRIVATE KEY-----")]), .init(settings: ["cwd": .string("a\nb")]),
            .init(settings: ["modal_mode": .string("turbo")]), .init(),
        ]
        for draft in bad {
            await #expect(throws: WorkspaceError.self) { try await tools.setTerminal(draft, expecting: .exactly(terminal.etag), actor: nil) }
        }
        await #expect(throws: WorkspaceError.self) { try await tools.setTerminal(.init(backend: "ssh"), expecting: nil, actor: nil) }
        await #expect(throws: WorkspaceError.self) { try await tools.setTerminal(.init(backend: "ssh"), expecting: .exactly("\"old\""), actor: nil) }
        #expect(try configText(fixture) == before)
    }

    private static let loader = """
        import json
        from hermes_cli.config import load_config
        import hermes_cli.tools_config as tc
        config = load_config()
        print(json.dumps({"cli": sorted(tc._get_platform_tools(config, "cli", include_default_mcp_servers=False)),
                          "telegram": sorted(tc._get_platform_tools(config, "telegram", include_default_mcp_servers=False)),
                          "backend": config["terminal"]["backend"], "image": config["terminal"].get("docker_image")}))
        """

    private func agentView(_ fixture: FixtureHome) async throws -> [String: Any] {
        let run = try await AgentPython.run(["-c", Self.loader], home: fixture.home)
        #expect(run.status == 0, "\(run.errors)")
        let line = String(decoding: run.output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    /// A toggle writes what the agent's own `hermes tools` would save: its loader then resolves the platform's tools
    /// without the toolset switched off (and with the one switched on), and the rest of config.yaml is unchanged.
    @Test(.enabled(if: AgentPython.url != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh to run this test"))
    func toolsetTogglesAreWhatTheAgentResolves() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write(Self.original, to: "config.yaml")
        let (tools, _) = settings(fixture)
        var toolsets = try await tools.toolsets()
        #expect(toolsets.toolsets.contains { $0.name == "web" } && toolsets.toolsets.contains { $0.name == "terminal" })
        let cli = try #require(toolsets.platforms.first { $0.name == "cli" })
        #expect(!cli.explicit && cli.enabled.contains("web") && cli.defaultToolset == "hermes-cli")
        let before = try await agentView(fixture)
        #expect((before["cli"] as? [String])?.contains("web") == true)

        toolsets = try await tools.setToolset("web", platform: "cli", enabled: false, expecting: .exactly(toolsets.etag), actor: nil)
        #expect(toolsets.platforms.first { $0.name == "cli" }.map { $0.explicit && !$0.enabled.contains("web") } == true)
        toolsets = try await tools.setToolset("terminal", platform: "telegram", enabled: false, expecting: .exactly(toolsets.etag), actor: nil)
        let after = try await agentView(fixture)
        #expect((after["cli"] as? [String]).map { !$0.contains("web") && $0.contains("terminal") } == true, "\(after)")
        #expect((after["telegram"] as? [String]).map { !$0.contains("terminal") && $0.contains("web") } == true, "\(after)")
        #expect(Set(after["cli"] as? [String] ?? []) == Set(before["cli"] as? [String] ?? []).subtracting(["web"]))

        let text = try configText(fixture)
        let added = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !Self.original.contains($0) }
        // platform_toolsets and the agent's known_plugin_toolsets bookkeeping, as `hermes tools` saves them.
        #expect(
            added.allSatisfy {
                ["platform_toolsets:", "known_plugin_toolsets:", "  cli:", "  telegram:", "    - "].contains(where: $0.hasPrefix) || $0.isEmpty
            }, "\(added)")
        for line in Self.original.split(separator: "\n") { #expect(text.contains(line), "kept: \(line)") }

        let stale = toolsets.etag
        toolsets = try await tools.setToolset("web", platform: "cli", enabled: true, expecting: .exactly(toolsets.etag), actor: nil)
        #expect((try await agentView(fixture)["cli"] as? [String])?.contains("web") == true)
        let kept = try configText(fixture)
        await #expect(throws: WorkspaceError.self) {
            try await tools.setToolset("web", platform: "cli", enabled: false, expecting: .exactly(stale), actor: nil)
        }
        await #expect(throws: WorkspaceError.self) {
            try await tools.setToolset("nope", platform: "cli", enabled: true, expecting: .exactly(toolsets.etag), actor: nil)
        }
        await #expect(throws: WorkspaceError.self) {
            try await tools.setToolset("web", platform: "myspace", enabled: true, expecting: .exactly(toolsets.etag), actor: nil)
        }
        await #expect(throws: WorkspaceError.self) {
            try await tools.setToolset("Web!", platform: "cli", enabled: true, expecting: .exactly(toolsets.etag), actor: nil)
        }
        #expect(try configText(fixture) == kept)

        _ = try await tools.setTerminal(
            .init(backend: "docker", settings: ["docker_image": .string("python:3.12")]), expecting: .exactly(toolsets.etag), actor: nil)
        let terminal = try await agentView(fixture)
        #expect(terminal["backend"] as? String == "docker" && terminal["image"] as? String == "python:3.12")
    }
}
