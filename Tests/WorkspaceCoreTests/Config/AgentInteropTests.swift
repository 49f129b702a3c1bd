import Foundation
import Testing

@testable import WorkspaceCore

/// Files the workspace wrote, loaded by the reference agent itself (hermes-agent from PyPI, installed by
/// `scripts/hermes-venv.sh`, or any interpreter named by `HERMES_AGENT_PYTHON`). Skipped when neither exists.
@Suite struct AgentInteropTests {
    private static let loader = """
        import json, os
        from dotenv import dotenv_values
        from hermes_cli.config import load_config, load_env, read_raw_config
        home = os.environ["HERMES_HOME"]
        print(json.dumps({"config": load_config(), "raw": read_raw_config(), "env": load_env(),
                          "dotenv": dotenv_values(os.path.join(home, ".env"))}, default=str))
        """

    @Test(
        .enabled(
            if: AgentPython.url != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh (or set HERMES_AGENT_PYTHON) to run this test"))
    func theAgentLoadsEveryFileWeWrote() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let audit = AuditLog(home: fixture.home)
        let store = ConfigStore(home: fixture.home, audit: audit, environment: [:])
        let edits: [ConfigEdit] = [
            .init(path: ["approvals", "mode"], operation: .set(.string("off"))),
            .init(path: ["approvals", "timeout"], operation: .set(.int(300))),
            .init(path: ["skills", "platform_disabled", "telegram"], operation: .set(.array([.string("web-research"), .string("docker-cleanup")]))),
            .init(path: ["display", "platforms", "telegram", "streaming"], operation: .set(.bool(false))),
            .init(path: ["agent", "reasoning_overrides", "gpt-4.1"], operation: .set(.string("high"))),
            .init(path: ["command_allowlist"], operation: .set(.array([.string("podman *"), .string("git push: origin")]))),
            .init(path: ["human_delay", "mode"], operation: .set(.string("yes"))),
            .init(path: ["logging", "max_size_mb"], operation: .delete),
        ]
        _ = try await store.patch(edits, expecting: .exactly(try store.snapshot().etag), actor: nil)
        let vault = KeyVault(home: fixture.home, audit: audit, environment: [:])
        let tricky = "exa key #1 'single' \"double\" \\ end"
        try await vault.set("EXA_API_KEY", to: tricky, actor: nil)
        try await vault.set("TELEGRAM_BOT_TOKEN", to: "999:xyz", actor: nil)
        try await vault.set("REFERENCE", to: "${TELEGRAM_BOT_TOKEN}", actor: nil)
        try await vault.delete("OPENROUTER_API_KEY", actor: nil)

        let loaded = try await Self.load(home: fixture.home)
        let config = try #require(loaded["config"] as? [String: Any])
        let approvals = try #require(config["approvals"] as? [String: Any])
        #expect(approvals["mode"] as? String == "off")
        #expect(approvals["timeout"] as? Int == 300)
        #expect(config["command_allowlist"] as? [String] == ["podman *", "git push: origin"])
        #expect(
            ((config["skills"] as? [String: Any])?["platform_disabled"] as? [String: [String]])?["telegram"] == ["web-research", "docker-cleanup"])
        let display = try #require(config["display"] as? [String: Any])
        #expect(((display["platforms"] as? [String: Any])?["telegram"] as? [String: Any])?["streaming"] as? Bool == false)
        #expect(((config["agent"] as? [String: Any])?["reasoning_overrides"] as? [String: String])?["gpt-4.1"] == "high")
        #expect((config["human_delay"] as? [String: Any])?["mode"] as? String == "yes")
        #expect(config["timezone"] as? String == "Europe/Berlin", "untouched values load as before")
        let raw = try #require(loaded["raw"] as? [String: Any])
        #expect((raw["logging"] as? [String: Any])?["max_size_mb"] == nil)
        for reader in ["env", "dotenv"] {
            let env = try #require(loaded[reader] as? [String: Any], "\(reader)")
            #expect(env["EXA_API_KEY"] as? String == tricky, "\(reader)")
            #expect(env["TELEGRAM_BOT_TOKEN"] as? String == "999:xyz", "\(reader)")
            #expect(
                env["REFERENCE"] as? String == (reader == "env" ? "${TELEGRAM_BOT_TOKEN}" : "999:xyz"),
                "the agent's key reader keeps a reference, its runtime loader expands it")
            #expect(env["OPENROUTER_API_KEY"] == nil, "\(reader)")
            #expect(env["ANTHROPIC_API_KEY"] as? String == "sk-ant-api03-devfixturedevfixture", "\(reader)")
        }
    }

    private static func load(home: HermesHome) async throws -> [String: Any] {
        let run = try await AgentPython.run(["-c", loader], home: home)
        #expect(run.status == 0, "\(run.errors)")
        #expect(!run.errors.contains("Failed to parse") && !run.errors.contains("YAMLError"), "\(run.errors)")
        let line = String(decoding: run.output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}
