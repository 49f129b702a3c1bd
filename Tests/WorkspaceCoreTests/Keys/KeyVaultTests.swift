import Foundation
import GRDB
import Testing

@testable import WorkspaceCore

@Suite struct KeyVaultTests {
    private func mode(_ url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    }

    @Test func settingAndDeletingKeepsCommentsExportsAndMode0600() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        chmod(fixture.home.envFile.path, 0o644)
        let vault = KeyVault(home: fixture.home, audit: AuditLog(home: fixture.home), environment: [:])
        let original = try String(contentsOf: fixture.home.envFile, encoding: .utf8)
        #expect(try await vault.set("TELEGRAM_BOT_TOKEN", to: "999:new token", actor: nil))
        #expect(try await vault.set("EXA_API_KEY", to: "exa-key", actor: nil) == false)
        let edited = try String(contentsOf: fixture.home.envFile, encoding: .utf8)
        #expect(
            edited == original.replacingOccurrences(
                of: "export TELEGRAM_BOT_TOKEN=123456:ABCdefGhIjkLmNoPqRsTuVwXyZ",
                with: "export TELEGRAM_BOT_TOKEN=\"999:new token\"") + "EXA_API_KEY=exa-key\n")
        #expect(try mode(fixture.home.envFile) == 0o600)
        try await vault.delete("EXA_API_KEY", actor: nil)
        #expect(try String(contentsOf: fixture.home.envFile, encoding: .utf8).hasSuffix("# FIRECRAWL_API_KEY=\n"))
        await #expect(throws: WorkspaceError.notFound(what: "Key EXA_API_KEY")) { try await vault.delete("EXA_API_KEY", actor: nil) }
        await #expect(throws: DotEnvEditor.Refusal.self) { try await vault.set("LD_PRELOAD", to: "/tmp/x.so", actor: nil) }
        await #expect(throws: DotEnvEditor.Refusal.self) { try await vault.set("A", to: "two\nlines", actor: nil) }
    }

    @Test func theListMasksSecretsAndMarksWhatSkillsNeed() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        try fixture.write(
            "---\nname: weather\ndescription: d\nrequired_environment_variables:\n  - name: OPENWEATHER_KEY\n  - name: OPTIONAL_ONE\n    optional: true\nprerequisites:\n  env_vars: [EXA_API_KEY]\n---\nBody\n",
            to: "skills/research/weather/SKILL.md")
        let vault = KeyVault(home: fixture.home, audit: AuditLog(home: fixture.home), environment: [:])
        let items = Dictionary(uniqueKeysWithValues: vault.list().map { ($0.name, $0) })
        let openRouter = try #require(items["OPENROUTER_API_KEY"])
        #expect(openRouter.isSet && openRouter.masked == "••••cdef" && openRouter.value == nil)
        #expect(items["API_SERVER_ENABLED"]?.value == "true", "non-secret settings are shown")
        #expect(items["TELEGRAM_BOT_TOKEN"]?.exported == true)
        #expect(items["EXA_API_KEY"]?.neededBy == ["weather"] && items["EXA_API_KEY"]?.isSet == false)
        #expect(items["OPENWEATHER_KEY"]?.category == "skill")
        #expect(items["OPTIONAL_ONE"] == nil)
        #expect(items.count >= EnvCatalog.agent.entries.count)
        #expect(EnvCatalog.agent.entries.count == 284)
        let listed = String(decoding: try JSONEncoder().encode(vault.list()), as: UTF8.self)
        #expect(!listed.contains("0123456789abcdef0123456789abcdef"))
    }

    @Test func revealsAreLimitedAndAuditedWithoutTheValue() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let audit = AuditLog(home: fixture.home)
        let vault = KeyVault(home: fixture.home, audit: audit, revealsPerMinute: 3, environment: [:])
        let actor = AuditActor(address: "10.0.0.7", requestID: "r1")
        for _ in 0..<3 { #expect(try await vault.reveal("ANTHROPIC_API_KEY", actor: actor) == "sk-ant-api03-devfixturedevfixture") }
        await #expect(throws: WorkspaceError.self) { try await vault.reveal("ANTHROPIC_API_KEY", actor: actor) }
        #expect(
            try await vault.reveal("ANTHROPIC_API_KEY", actor: AuditActor(address: "10.0.0.8", requestID: nil)).hasPrefix("sk-ant"),
            "the limit is per client")
        let events = try await audit.page(AuditQuery()).items
        #expect(events.filter { $0.action == "keys.reveal" && $0.outcome == .ok }.count == 4)
        #expect(events.first { $0.outcome == .refused }?.summary == "rate limited")
        let stored = try Self.storedAuditText(fixture.home.workspaceDatabase)
        #expect(!stored.joined().contains("devfixture"))
    }

    private static func storedAuditText(_ url: URL) throws -> [String] {
        try DatabaseQueue(path: url.path).read { db in
            try String.fetchAll(db, sql: "SELECT actor || client_address || action || target || outcome || summary FROM audit")
        }
    }

    @Test func aManagedHomeRefusesKeyWrites() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let before = try Data(contentsOf: fixture.home.envFile)
        let vault = KeyVault(home: fixture.home, audit: AuditLog(home: fixture.home), environment: ["HERMES_MANAGED": "brew"])
        await #expect(throws: WorkspaceError.self) { try await vault.set("EXA_API_KEY", to: "x", actor: nil) }
        #expect(try Data(contentsOf: fixture.home.envFile) == before)
    }
}
