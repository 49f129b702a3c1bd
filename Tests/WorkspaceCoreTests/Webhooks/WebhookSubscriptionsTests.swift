import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct WebhookSubscriptionsTests {
    private static let config = """
        platforms:
          webhook:
            enabled: true
            extra:
              port: 8650

        """

    private func subscriptions(_ fixture: FixtureHome) -> WebhookSubscriptions {
        let audit = AuditLog(home: fixture.home)
        return WebhookSubscriptions(home: fixture.home, config: ConfigStore(home: fixture.home, audit: audit, environment: [:]), audit: audit)
    }

    private func text(_ fixture: FixtureHome) -> String? {
        FileManager.default.contents(atPath: fixture.home.root.appendingPathComponent("webhook_subscriptions.json").path).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    @Test func theSecretIsShownOnceAndTheFileIsPrivate() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write(Self.config, to: "config.yaml")
        let webhooks = subscriptions(fixture)
        var list = try webhooks.list()
        #expect(list.items.isEmpty && list.platformEnabled)
        let created = try await webhooks.create(
            "github-push", .init(description: "Pushes", events: ["push"], prompt: "Summarise {commits}", deliver: "telegram", chatID: "-100123"),
            expecting: .exactly(list.etag), actor: nil)
        #expect(created.secret.count == 43 && created.subscription.url == "http://localhost:8650/webhooks/github-push")
        #expect(created.subscription.hasSecret && created.subscription.enabled && created.subscription.events == ["push"])
        let attributes = try FileManager.default.attributesOfItem(atPath: fixture.home.root.appendingPathComponent("webhook_subscriptions.json").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        list = try webhooks.list()
        let encoded = String(decoding: try JSONEncoder().encode(list.items), as: UTF8.self)
        #expect(!encoded.contains(created.secret), "a list never carries the secret")
        #expect(text(fixture)?.contains(created.secret) == true)

        // Someone edits the file by hand: an edit made against the older revision is refused and changes nothing.
        let hand = try #require(text(fixture)).replacingOccurrences(of: "Pushes", with: "Pushes (by hand)")
        try fixture.write(hand, to: "webhook_subscriptions.json")
        await #expect(throws: WorkspaceError.self) {
            try await webhooks.update("github-push", .init(description: "All pushes"), expecting: .exactly(list.etag), actor: nil)
        }
        #expect(text(fixture) == hand)
    }

    @Test func editsKeepTheSecretAndWhatWeDoNotKnow() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write(Self.config, to: "config.yaml")
        let webhooks = subscriptions(fixture)
        let created = try await webhooks.create("alerts", .init(prompt: "Alert!"), expecting: .exactly(try webhooks.list().etag), actor: nil)
        let hand = try #require(text(fixture)).replacingOccurrences(
            of: "\"deliver\": \"log\",", with: "\"deliver\": \"log\",\n    \"script\": \"x.py\",")
        try fixture.write(hand, to: "webhook_subscriptions.json")
        var list = try await webhooks.update(
            "alerts", .init(description: "Pager", prompt: "Page: {title}"), expecting: .exactly(try webhooks.list().etag), actor: nil)
        let edited = try #require(text(fixture))
        #expect(edited.contains(created.secret) && edited.contains("\"script\": \"x.py\"") && edited.contains("\"created_at\""))
        #expect(list.items.first?.description == "Pager" && list.items.first?.prompt == "Page: {title}")
        list = try await webhooks.setEnabled("alerts", false, expecting: nil, actor: nil)
        #expect(list.items.first?.enabled == false && text(fixture)?.contains("\"enabled\": false") == true)
        list = try await webhooks.setEnabled("alerts", true, expecting: nil, actor: nil)
        #expect(list.items.first?.enabled == true && text(fixture)?.contains("enabled") == false)
        list = try await webhooks.remove("alerts", expecting: .exactly(list.etag), actor: nil)
        #expect(list.items.isEmpty && text(fixture) == "{}")
    }

    @Test func badInputIsRefusedAndTheFileIsUntouched() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write(Self.config, to: "config.yaml")
        let webhooks = subscriptions(fixture)
        _ = try await webhooks.create("keep", .init(prompt: "x"), expecting: .exactly(try webhooks.list().etag), actor: nil)
        let before = try #require(text(fixture))
        let etag = try webhooks.list().etag
        let bad: [(String, WebhookSubscriptions.Draft)] = [
            ("Bad Name", .init()), ("-dash", .init()), ("ok", .init(deliver: "Tele gram")), ("ok", .init(deliverOnly: true)),
            ("ok", .init(description: "a\u{0}b")), ("ok", .init(prompt: "a\u{1b}[31m")), ("ok", .init(events: Array(repeating: "e", count: 51))),
        ]
        for (name, draft) in bad {
            await #expect(throws: WorkspaceError.self, "\(name)") { try await webhooks.create(name, draft, expecting: .exactly(etag), actor: nil) }
        }
        await #expect(throws: WorkspaceError.self) { try await webhooks.create("keep", .init(), expecting: .exactly(etag), actor: nil) }
        await #expect(throws: WorkspaceError.self) { try await webhooks.create("new", .init(), expecting: .exactly("\"stale\""), actor: nil) }
        await #expect(throws: WorkspaceError.self) { try await webhooks.create("new", .init(), expecting: nil, actor: nil) }
        await #expect(throws: WorkspaceError.self) { try await webhooks.remove("missing", expecting: .exactly(etag), actor: nil) }
        #expect(text(fixture) == before)
        try fixture.write("[1, 2]", to: "webhook_subscriptions.json")
        #expect(throws: WorkspaceError.self) { try webhooks.list() }
    }

    private static let roundTrip = """
        import json, sys
        from hermes_cli import webhook
        subs = webhook._load_subscriptions()
        webhook._save_subscriptions(subs)
        print(json.dumps({name: {"enabled": route.get("enabled", True) is not False, "secret": route.get("secret", "")} for name, route in subs.items()}))
        """

    private static let subscribe = """
        import argparse, sys
        from hermes_cli import webhook
        webhook._cmd_subscribe(argparse.Namespace(name="From CLI", secret=None, events="issues,push", description="made by hermes",
            prompt="Triage {issue.title}", skills="triage", deliver="log", deliver_only=False, script="", deliver_chat_id=None))
        """

    /// The agent's own loader reads what we wrote, and its own save of it is byte-identical to ours; what its CLI
    /// writes, we list.
    @Test(.enabled(if: AgentPython.url != nil, "hermes-agent is not installed: run scripts/hermes-venv.sh to run this test"))
    func theAgentReadsAndWritesTheSameFile() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try fixture.write(Self.config, to: "config.yaml")
        let webhooks = subscriptions(fixture)
        let one = try await webhooks.create(
            "unicode-ok",
            .init(
                description: "Grüße — ✓", events: ["push"], prompt: "line one\nline two", skills: ["a"], deliver: "telegram", deliverOnly: true,
                chatID: "42"),
            expecting: .exactly(try webhooks.list().etag), actor: nil)
        let two = try await webhooks.create("plain", .init(), expecting: .exactly(one.etag), actor: nil)
        _ = try await webhooks.setEnabled("plain", false, expecting: .exactly(two.etag), actor: nil)
        let ours = try #require(text(fixture))
        let run = try await AgentPython.run(["-c", Self.roundTrip], home: fixture.home)
        #expect(run.status == 0, "\(run.errors)")
        #expect(text(fixture) == ours, "the agent's own save of our file is byte-identical")
        let line = String(decoding: run.output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: [String: Any]])
        #expect(seen["plain"]?["enabled"] as? Bool == false && seen["plain"]?["secret"] as? String == two.secret)
        #expect(seen["unicode-ok"]?["secret"] as? String == one.secret)

        let cli = try await AgentPython.run(["-c", Self.subscribe], home: fixture.home)
        #expect(cli.status == 0, "\(cli.errors)")
        let listed = try #require(try webhooks.list().items.first { $0.name == "from-cli" })
        #expect(listed.events == ["issues", "push"] && listed.skills == ["triage"] && listed.hasSecret && listed.prompt == "Triage {issue.title}")
    }
}
