import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct YAMLEditorTests {
    private let editor = YAMLEditor()
    private let sample = """
        # Hermes Agent configuration
        model:
          default: anthropic/claude-sonnet-4.5   # default model
          provider: 'openrouter'

        approvals:
          mode: manual      # manual | smart | off
          timeout: 120
        command_allowlist:
          - recursive delete
          - "podman *"

        skills:
          disabled: [legacy-notes]
          platform_disabled:
            telegram: [web-research]
        human_delay:
          mode: "off"
        auxiliary:
          vision:
            api_key: ${VISION_KEY}
        # trailing notes

        """

    private func set(_ path: String, _ value: OrderedJSON, in text: String? = nil) throws -> String {
        try editor.applying([ConfigEdit(path: path.split(separator: ".").map(String.init), operation: .set(value))], to: text ?? sample)
    }

    private func delete(_ path: String, in text: String? = nil) throws -> String {
        try editor.applying([ConfigEdit(path: path.split(separator: ".").map(String.init), operation: .delete)], to: text ?? sample)
    }

    @Test func changingOneScalarChangesOnlyItsValueAndKeepsTheCommentColumn() throws {
        let edited = try set("approvals.mode", .string("smart"))
        #expect(edited == sample.replacingOccurrences(of: "mode: manual      # manual", with: "mode: smart       # manual"))
    }

    @Test func aQuotedValueKeepsItsQuoteStyle() throws {
        let edited = try set("model.provider", .string("nous"))
        #expect(edited == sample.replacingOccurrences(of: "provider: 'openrouter'", with: "provider: 'nous'"))
    }

    @Test func yamlBooleanWordsAreQuotedSoTheyStayStrings() throws {
        let edited = try set("approvals.mode", .string("off"))
        #expect(edited.contains("mode: \"off\"       # manual | smart | off"))
        #expect(try YAMLDocument(text: edited).value.member("approvals")?.member("mode") == .string("off"))
    }

    @Test func aNewKeyLandsAtTheEndOfItsMappingWithItsIndentation() throws {
        let edited = try set("approvals.cron_mode", .string("approve"))
        #expect(edited == sample.replacingOccurrences(of: "  timeout: 120\n", with: "  timeout: 120\n  cron_mode: approve\n"))
        let top = try set("timezone", .string("Europe/Berlin"))
        #expect(top == sample.replacingOccurrences(of: "${VISION_KEY}\n", with: "${VISION_KEY}\ntimezone: Europe/Berlin\n"))
        let nested = try set("display.platforms.telegram.streaming", .bool(true))
        #expect(
            nested.hasSuffix(
                """
                display:
                  platforms:
                    telegram:
                      streaming: true
                # trailing notes

                """))
    }

    @Test func flowCollectionsStayFlow() throws {
        let edited = try set("skills.platform_disabled.telegram", .array([.string("web-research"), .string("docker-cleanup")]))
        #expect(edited == sample.replacingOccurrences(of: "telegram: [web-research]", with: "telegram: [web-research, docker-cleanup]"))
    }

    @Test func replacingABlockListRewritesOnlyItsItems() throws {
        let edited = try set("command_allowlist", .array([.string("podman *")]))
        #expect(
            edited
                == sample.replacingOccurrences(of: "  - recursive delete\n", with: "").replacingOccurrences(of: "- \"podman *\"", with: "- podman *"))
    }

    @Test func deletingAKeyRemovesItsLinesOnly() throws {
        let edited = try delete("approvals.timeout")
        #expect(edited == sample.replacingOccurrences(of: "  timeout: 120\n", with: ""))
        let block = try delete("model")
        #expect(
            block
                == sample.replacingOccurrences(
                    of: """
                        model:
                          default: anthropic/claude-sonnet-4.5   # default model
                          provider: 'openrouter'

                        """, with: ""))
        #expect(try delete("nothing.here") == sample)
    }

    @Test func deletingTheLastKeyOfAMappingLeavesAnEmptyMapping() throws {
        let edited = try delete("human_delay.mode")
        #expect(edited.contains("human_delay: {}\nauxiliary:"))
    }

    @Test func settingUnderAScalarIsRefusedAndNamesTheBlocker() throws {
        let text = "model: anthropic/claude # id\n"
        #expect(throws: ConfigProblem.self) { try set("model.provider", .string("x"), in: text) }
        #expect(
            try set("model", .object([.init("default", .string("a")), .init("provider", .string("b"))]), in: text)
                == "model: # id\n  default: a\n  provider: b\n")
    }

    @Test func settingUnderAnEmptyKeyFillsIt() throws {
        #expect(try set("display.compact", .bool(true), in: "display:\nother: 1\n") == "display:\n  compact: true\nother: 1\n")
        #expect(try set("a", .int(1), in: "# only a comment\n") == "# only a comment\na: 1\n")
        #expect(try set("a", .int(1), in: "") == "a: 1\n")
    }

    @Test func crlfFilesStayCRLF() throws {
        let text = "a: 1\r\nb:\r\n  c: 2\r\n"
        #expect(try set("b.d", .int(3), in: text) == "a: 1\r\nb:\r\n  c: 2\r\n  d: 3\r\n")
    }

    @Test func aliasesThatWouldChangeTwoPlacesAreRefused() throws {
        let text = "base: &b\n  level: INFO\nlogging: *b\n"
        #expect(throws: ConfigProblem.self) { try set("base.level", .string("DEBUG"), in: text) }
        #expect(try YAMLDocument(text: text).value.member("logging")?.member("level") == .string("INFO"))
    }

    @Test func strangeStringsReadBackExactly() throws {
        for value in [
            "yes", "123", "1e5", "- dash", "a: b", "x #y", "", " lead", "trail ", "null", "~", "@at", "line\nbreak", "tab\there", "{x}", "über",
            "0x1F", "2026-11-25",
        ] {
            let edited = try set("approvals.mode", .string(value))
            #expect(try YAMLDocument(text: edited).value.member("approvals")?.member("mode") == .string(value), "\(value)")
        }
    }

    @Test func anAliasBombIsRefused() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        #expect(throws: ConfigProblem.self) { try YAMLDocument(text: text) }
    }

    @Test func aSyntaxErrorReportsItsLine() {
        #expect(throws: ConfigProblem.self) { try YAMLDocument(text: "a: 1\nb: [unclosed\nc: 3\n") }
        do {
            _ = try YAMLDocument(text: "a: 1\n  b: 2\n")
        } catch let ConfigProblem.syntax(line, _, _) {
            #expect(line == 2)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

extension OrderedJSON {
    /// The value of `key` when this is an object.
    func member(_ key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }
}
