import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct ConfigStoreTests {
    private func store(_ fixture: FixtureHome, environment: [String: String] = [:]) -> ConfigStore {
        ConfigStore(home: fixture.home, audit: AuditLog(home: fixture.home), environment: environment)
    }

    private func bytes(_ fixture: FixtureHome) throws -> Data {
        try Data(contentsOf: fixture.home.configFile)
    }

    @Test func patchingOneValueLeavesEveryOtherByteOfTheAgentsFile() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let store = store(fixture)
        let original = try String(contentsOf: fixture.home.configFile, encoding: .utf8)
        let change = try await store.patch(
            [ConfigEdit(path: ["approvals", "timeout"], operation: .set(.int(300)))],
            expecting: .exactly(try store.snapshot().etag), actor: nil)
        #expect(change.written)
        #expect(change.changedPaths == ["approvals.timeout"])
        let edited = try String(contentsOf: fixture.home.configFile, encoding: .utf8)
        #expect(edited == original.replacingOccurrences(of: "timeout: 120", with: "timeout: 300"))
        #expect(edited.contains("# Hermes Agent configuration") && edited.contains("mode: manual      # manual | smart | off"))
        #expect(try ConfigBackups(home: fixture.home).text(of: try #require(change.backupID)) == original)
    }

    @Test func aStaleOrMissingRevisionChangesNothing() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let store = store(fixture)
        let etag = try store.snapshot().etag
        _ = try await store.patch([ConfigEdit(path: ["display", "compact"], operation: .set(.bool(true)))], expecting: .exactly(etag), actor: nil)
        let afterFirst = try bytes(fixture)
        await #expect(throws: WorkspaceError.self) {
            try await store.patch([ConfigEdit(path: ["display", "compact"], operation: .set(.bool(false)))], expecting: .exactly(etag), actor: nil)
        }
        await #expect(throws: WorkspaceError.self) {
            try await store.patch([ConfigEdit(path: ["timezone"], operation: .set(.string("UTC")))], expecting: nil, actor: nil)
        }
        #expect(try bytes(fixture) == afterFirst)
    }

    @Test func aRawSaveWithASyntaxErrorNamesTheLineAndLeavesTheFile() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let store = store(fixture)
        let before = try bytes(fixture)
        do {
            _ = try await store.replace(with: "model: x\napprovals:\n  mode: [smart\n", expecting: .exactly(try store.snapshot().etag), actor: nil)
            Issue.record("a broken document was accepted")
        } catch let ConfigProblem.syntax(line, _, _) {
            #expect(line == 4 || line == 3)
        }
        #expect(try bytes(fixture) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.home.root.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test func aRawSaveStoresTheTextExactlyAndKeepsTheMode() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let store = store(fixture)
        let modeBefore = try FileManager.default.attributesOfItem(atPath: fixture.home.configFile.path)[.posixPermissions] as? Int
        let text = "# mine\r\nmodel:   'x/y'   # spaced\n\n\ntimezone: UTC"
        _ = try await store.replace(with: text, expecting: .exactly(try store.snapshot().etag), actor: nil)
        #expect(try bytes(fixture) == Data(text.utf8))
        #expect(try FileManager.default.attributesOfItem(atPath: fixture.home.configFile.path)[.posixPermissions] as? Int == modeBefore)
    }

    @Test func schemaErrorsAreReportedByPathAndOnlyForTouchedValues() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write("approvals:\n  mode: sometimes\n", to: "config.yaml")
        let store = store(fixture)
        let etag = try store.snapshot().etag
        let change = try await store.patch(
            [ConfigEdit(path: ["logging", "level"], operation: .set(.string("DEBUG")))], expecting: .exactly(etag), actor: nil)
        #expect(change.written, "an unrelated invalid value does not block an edit")
        do {
            _ = try await store.patch(
                [ConfigEdit(path: ["logging", "max_size_mb"], operation: .set(.string("big")))],
                expecting: .exactly(change.snapshot.etag), actor: nil)
            Issue.record("a string was accepted for a number")
        } catch let ConfigProblem.invalid(issues) {
            #expect(issues["logging.max_size_mb"]?.contains("whole number") == true)
        }
        await #expect(throws: ConfigProblem.self) {
            try await store.replace(with: "approvals:\n  mode: sometimes\n", expecting: .exactly(change.snapshot.etag), actor: nil)
        }
    }

    @Test func historyKeepsTwentyVersionsWithDiffsAndRestoresOne() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write("agent:\n  max_turns: 1\n", to: "config.yaml")
        let store = store(fixture)
        for turns in 2...23 {
            _ = try await store.patch(
                [ConfigEdit(path: ["agent", "max_turns"], operation: .set(.int(turns)))],
                expecting: .exactly(try store.snapshot().etag), actor: nil)
        }
        let history = try store.history()
        #expect(history.count == ConfigBackups.keep)
        #expect(history.first?.diff.contains("-  max_turns: 22\n+  max_turns: 23") == true)
        let oldest = try #require(history.last)
        _ = try await store.restore(oldest.id, expecting: .exactly(try store.snapshot().etag), actor: nil)
        #expect(try String(contentsOf: fixture.home.configFile, encoding: .utf8) == "agent:\n  max_turns: 3\n")
        #expect(try store.history().first?.diff.contains("+  max_turns: 3") == true)
        await #expect(throws: WorkspaceError.self) { try await store.restore("../../etc/passwd", expecting: .any, actor: nil) }
    }

    /// Each kept version says what the write that replaced it did, in words, where it came from and who made it —
    /// and never a secret's value.
    @Test func historyEntriesSayWhatChangedWhereFromAndByWhom() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write("skills:\n  disabled: [translate, legacy]\nagent:\n  max_turns: 5\n", to: "config.yaml")
        let store = store(fixture)
        let person = AuditActor(name: "alice", address: nil, requestID: nil)
        _ = try await store.patch(
            [ConfigEdit(path: ["skills", "disabled"], operation: .set(.array([.string("legacy"), .string("web-research")])))],
            expecting: .exactly(try store.snapshot().etag), actor: person, source: "Skills")
        _ = try await store.patch(
            [
                ConfigEdit(path: ["agent", "max_turns"], operation: .set(.int(9))),
                ConfigEdit(path: ["model", "api_key"], operation: .set(.string("sk-live-very-secret"))),
                ConfigEdit(path: ["tts", "provider"], operation: .set(.string("edge"))),
            ], expecting: .exactly(try store.snapshot().etag), actor: nil)
        _ = try await store.replace(with: "agent:\n  max_turns: 9\n", expecting: .exactly(try store.snapshot().etag), actor: person)
        let changes = try store.history().map(\.change)
        #expect(changes.count == 3)
        #expect(changes[2] == ConfigVersion.Change(summary: ["skills.disabled −translate +web-research"], source: "Skills", actor: "alice"))
        #expect(changes[1]?.summary == ["agent.max_turns: 5 → 9", "model = {1 key}", "tts = {1 key}"], "\(changes[1]?.summary ?? [])")
        #expect(changes[1]?.source == "Config" && changes[1]?.actor == nil)
        #expect(changes[0]?.source == "Raw YAML" && changes[0]?.summary.contains("skills removed") == true, "\(changes[0]?.summary ?? [])")
        let notes = try FileManager.default.contentsOfDirectory(at: fixture.home.backupsDirectory, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(".change.json") }
        #expect(notes.count == 3)
        for note in notes { #expect(!(try String(contentsOf: note, encoding: .utf8)).contains("very-secret")) }
        #expect(
            ConfigDifference.summary(from: .object([]), to: .object(["model": .object(["api_key": .string("sk-1")])]))
                == ["model = {1 key}"])
        #expect(
            ConfigDifference.summary(
                from: .object(["model": .object(["api_key": .string("sk-1")])]), to: .object(["model": .object(["api_key": .string("sk-2")])]))
                == ["model.api_key changed"])
    }

    @Test func aDryRunShowsTheDiffAndWritesNothing() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let store = store(fixture)
        let before = try bytes(fixture)
        let change = try await store.patch(
            [ConfigEdit(path: ["approvals", "mode"], operation: .set(.string("off")))], expecting: nil,
            dryRun: true, actor: nil)
        #expect(!change.written)
        #expect(change.diff.contains("+  mode: \"off\""))
        #expect(try bytes(fixture) == before)
    }

    @Test func aManagedHomeIsReadOnly() async throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let before = try bytes(fixture)
        let managed = store(fixture, environment: ["HERMES_MANAGED": "nix"])
        #expect(managed.isReadOnly)
        await #expect(throws: WorkspaceError.self) {
            try await managed.patch([ConfigEdit(path: ["timezone"], operation: .set(.string("UTC")))], expecting: .any, actor: nil)
        }
        try fixture.write("", to: ".managed")
        #expect(store(fixture).isReadOnly)
        #expect(try bytes(fixture) == before)
    }

    @Test func aMissingFileIsCreatedPrivate() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let store = store(fixture)
        #expect(try store.snapshot().exists == false)
        _ = try await store.patch(
            [ConfigEdit(path: ["timezone"], operation: .set(.string("UTC")))], expecting: .exactly(try store.snapshot().etag), actor: nil)
        #expect(try String(contentsOf: fixture.home.configFile, encoding: .utf8) == "timezone: UTC\n")
        #expect(try FileManager.default.attributesOfItem(atPath: fixture.home.configFile.path)[.posixPermissions] as? Int == 0o600)
        #expect(try store.history().isEmpty, "there was no earlier version to keep")
    }
}
