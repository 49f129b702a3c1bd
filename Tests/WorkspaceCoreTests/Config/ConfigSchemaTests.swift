import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct ConfigSchemaTests {
    @Test func theJSONSchemaDescribesEverySectionOperatorsTouch() throws {
        let text = ConfigSchema.hermes.jsonSchema.rendered(.compact)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        for section in [
            "model", "timezone", "approvals", "command_allowlist", "skills", "logging", "display", "agent", "terminal",
            "memory", "cron", "gateway", "dashboard", "sessions", "security",
        ] {
            #expect(properties[section] != nil, "\(section)")
        }
        #expect(schema["additionalProperties"] as? Bool == true)
        let logging = try #require(properties["logging"] as? [String: Any])
        let level = try #require((logging["properties"] as? [String: Any])?["level"] as? [String: Any])
        #expect(level["enum"] as? [String] == ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"])
        #expect(level["default"] as? String == "INFO")
    }

    @Test func validationFollowsTheAgentsOwnReading() throws {
        let schema = ConfigSchema.hermes
        #expect(schema.issues(in: try YAMLDocument(text: "approvals:\n  mode: off\n").value).isEmpty, "bare off reads as false, which means off")
        #expect(schema.issues(in: try YAMLDocument(text: "approvals:\n  mode: sometimes\n").value)["approvals.mode"] != nil)
        #expect(schema.issues(in: try YAMLDocument(text: "agent:\n  max_turns: 0\n").value)["agent.max_turns"] == "must be at least 1")
        #expect(schema.issues(in: try YAMLDocument(text: "unknown_section: {a: 1}\ndisplay: null\n").value).isEmpty)
        #expect(
            schema.issues(in: try YAMLDocument(text: "skills:\n  platform_disabled:\n    telegram: [1, x]\n").value)
                == ["skills.platform_disabled.telegram.0": "must be a string, not a number"])
    }

    /// Keys of newer agents (0.21: approvals.unattended_mode, providers, moa, platforms.<id>.enabled) are known:
    /// checked when present, masked where secret, and an old home without them is unaffected.
    @Test func newerAgentKeysAreCheckedAndMasked() throws {
        let schema = ConfigSchema.hermes
        let newer = """
            approvals:
              mode: smart
              unattended_mode: approve
              single_query_mode: deny
              denial_breaker_threshold: 3
              smart_policy: Always ESCALATE commands touching /etc
            platforms:
              telegram:
                enabled: true
            providers:
              local-llm:
                base_url: http://127.0.0.1:8000/v1
                api_key: sk-local-0123456789abcdef0123
            moa:
              default_preset: duo
              presets:
                duo:
                  enabled: true
                  reference_models:
                    - {provider: openrouter, model: openai/gpt-5.5}
                  aggregator: {provider: anthropic, model: claude-opus}
            dashboard:
              theme: dark
            """
        let value = try YAMLDocument(text: newer).value
        #expect(schema.issues(in: value).isEmpty, "\(schema.issues(in: value))")
        let bad = try YAMLDocument(text: "approvals:\n  unattended_mode: maybe\nmoa:\n  presets:\n    x:\n      reference_models: [3]\n").value
        #expect(Set(schema.issues(in: bad).keys) == ["approvals.unattended_mode", "moa.presets.x.reference_models.0"], "\(schema.issues(in: bad))")
        let masked = ConfigMasking().masked(value).value.rendered(.compact)
        #expect(!masked.contains("0123456789") && masked.contains("http://127.0.0.1:8000/v1"))
        let leaves = Dictionary(uniqueKeysWithValues: EffectiveConfig(user: try YAMLDocument(text: "model: x\n").value).leaves.map { ($0.path, $0) })
        #expect(leaves["approvals.unattended_mode"]?.value == .string("deny") && leaves["approvals.unattended_mode"]?.source == "default")
    }

    @Test func theEffectiveViewMarksEachLeafAndMasksSecrets() throws {
        let user = try YAMLDocument(
            text:
                "approvals:\n  mode: manual\nmodel:\n  default: x\n  api_key: sk-0123456789abcdef\nauxiliary:\n  vision:\n    api_key: ${VISION_KEY}\n"
        ).value
        let effective = EffectiveConfig(user: user)
        let leaves = Dictionary(uniqueKeysWithValues: effective.leaves.map { ($0.path, $0) })
        #expect(leaves["approvals.mode"]?.source == "set")
        #expect(leaves["approvals.timeout"]?.source == "default")
        #expect(leaves["approvals.timeout"]?.value == .int(60))
        #expect(leaves["model.api_key"]?.value == .string("••••••••"), "under 20 characters nothing shows")
        #expect(leaves["auxiliary.vision.api_key"]?.value == .string("${VISION_KEY}"), "a reference is not a secret")
        #expect(!effective.value.rendered(.compact).contains("0123456789"))
    }

    @Test func aUnifiedDiffShowsOnlyTheChangeWithContext() {
        let before = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let after = before.replacingOccurrences(of: "line 10\n", with: "line ten\n")
        #expect(
            LineDiff().unified(from: before, to: after) == """
                --- before
                +++ after
                @@ -7,7 +7,7 @@
                 line 7
                 line 8
                 line 9
                -line 10
                +line ten
                 line 11
                 line 12
                 line 13

                """)
        #expect(LineDiff().unified(from: before, to: before).isEmpty)
        #expect(LineDiff().unified(from: "", to: "a\n") == "--- before\n+++ after\n@@ -0,0 +1,1 @@\n+a\n")
    }
}
