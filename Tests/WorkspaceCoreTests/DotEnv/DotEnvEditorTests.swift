import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct DotEnvEditorTests {
    private let editor = DotEnvEditor()
    private let sample = """
        # Provider keys
        OPENROUTER_API_KEY=sk-or-old

        export TELEGRAM_BOT_TOKEN="123:abc"
        # EXA_API_KEY=commented-out
        OTHER=keep me
        """

    @Test func replacingAKeyChangesOnlyItsLine() throws {
        let edited = try editor.setting("OPENROUTER_API_KEY", to: "sk-or-new", in: sample)
        #expect(edited == sample.replacingOccurrences(of: "sk-or-old", with: "sk-or-new"))
        let exported = try editor.setting("TELEGRAM_BOT_TOKEN", to: "999:xyz", in: sample)
        #expect(exported.contains("export TELEGRAM_BOT_TOKEN=999:xyz\n"), "the export prefix stays")
        #expect(exported.contains("# EXA_API_KEY=commented-out"), "commented-out lines are not definitions")
    }

    @Test func editingTheAgentsOwnFileChangesOneLine() throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let original = try String(contentsOf: fixture.home.envFile, encoding: .utf8)
        let name = try #require(DotEnvReader().values(in: original).keys.sorted().first)
        let edited = try editor.setting(name, to: "replaced-value", in: original)
        let before = original.split(separator: "\n", omittingEmptySubsequences: false)
        let after = edited.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == after.count)
        #expect(zip(before, after).filter { $0 != $1 }.count == 1)
        #expect(DotEnvReader().values(in: edited)[name] == "replaced-value")
    }

    @Test func newKeysAreAppendedWithTheFilesLineEnding() throws {
        #expect(try editor.setting("NEW_KEY", to: "v", in: "A=1\n") == "A=1\nNEW_KEY=v\n")
        #expect(try editor.setting("NEW_KEY", to: "v", in: "A=1") == "A=1\nNEW_KEY=v\n")
        #expect(try editor.setting("NEW_KEY", to: "v", in: "A=1\r\nB=2\r\n") == "A=1\r\nB=2\r\nNEW_KEY=v\r\n")
        #expect(try editor.setting("NEW_KEY", to: "v", in: "") == "NEW_KEY=v\n")
    }

    @Test func duplicatesCollapseIntoTheFirstDefinition() throws {
        let text = "A=1\n# note\nA=2\nB=3\nexport A=4\n"
        #expect(try editor.setting("A", to: "5", in: text) == "A=5\n# note\nB=3\n")
        let removed = try editor.removing("A", from: text)
        #expect(removed.text == "# note\nB=3\n")
        #expect(removed.removed)
        #expect(try editor.removing("MISSING", from: text).removed == false)
        #expect(try editor.removing("A", from: "AB=1\nA_B=2\n").removed == false, "prefixes of other names are not matches")
    }

    @Test func everyValueReadsBackUnchanged() throws {
        let values = [
            "plain", "", "with space", " leading", "trailing ", "hash # inside", #"quote " inside"#, "single ' inside",
            #"back\slash"#, "${HOME}/path", "$PLAIN", "tab\there", "ünïcödé", "=equals=", "both ' and ${X}",
        ]
        for value in values {
            let text = try editor.setting("KEY", to: value, in: "# header\nKEY=old\n")
            #expect(DotEnvReader().values(in: text)["KEY"] == value, "\(value.debugDescription) → \(text.debugDescription)")
            #expect(text.hasPrefix("# header\n"))
        }
        #expect(DotEnvEditor.encode("${HOME}") == "\"${HOME}\"", "a reference stays a reference: the agent's loader expands it")
        #expect(DotEnvEditor.encode("sk-abc123") == "sk-abc123")
    }

    @Test func badNamesAndValuesAreRefusedWithoutEchoingTheValue() {
        #expect(throws: DotEnvEditor.Refusal.invalidName("1ABC")) { try editor.setting("1ABC", to: "x", in: "") }
        #expect(throws: DotEnvEditor.Refusal.invalidName("A-B")) { try editor.setting("A-B", to: "x", in: "") }
        #expect(throws: DotEnvEditor.Refusal.deniedName("LD_PRELOAD")) { try editor.setting("LD_PRELOAD", to: "x", in: "") }
        #expect(throws: DotEnvEditor.Refusal.deniedName("DYLD_INSERT_LIBRARIES")) { try editor.setting("DYLD_INSERT_LIBRARIES", to: "x", in: "") }
        #expect(throws: DotEnvEditor.Refusal.invalidValue(name: "A")) { try editor.setting("A", to: "secret\nB=injected", in: "") }
        #expect(throws: DotEnvEditor.Refusal.invalidValue(name: "A")) { try editor.setting("A", to: "nul\u{0}", in: "") }
        #expect(!DotEnvEditor.Refusal.invalidValue(name: "A").description.contains("injected"))
    }
}
