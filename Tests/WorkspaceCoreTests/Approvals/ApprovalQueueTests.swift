import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct ApprovalQueueTests {
    private func queue(_ fixture: FixtureHome, timeout: TimeInterval = 60) -> (ApprovalQueue, EventBus) {
        let events = EventBus()
        return (ApprovalQueue(home: fixture.home, audit: AuditLog(home: fixture.home), events: events, timeout: { timeout }), events)
    }

    private let rm = ApprovalSubmission(
        sessionId: "s1", platform: "telegram", tool: "terminal", action: "rm -rf /tmp/x", workdir: "/tmp",
        reason: "clean up", risks: ["recursive delete"])

    @Test func aDecisionWakesTheWaiterAtOnce() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let (queue, events) = queue(fixture)
        let subscription = try events.subscribe(after: nil)
        let request = try await queue.submit(rm, actor: nil)
        #expect(request.status == .pending && request.expiresAt.timeIntervalSince(request.createdAt) == 60)
        async let decided = queue.waitForDecision(request.id, seconds: 60)
        while await queue.waiterCount(request.id) == 0 { try await Task.sleep(for: .milliseconds(10)) }
        _ = try await queue.decide(request.id, approve: true, actor: AuditActor(name: "alice", address: nil, requestID: nil))
        let answer = try await decided
        #expect(answer.status == .approved && answer.scope == .once && answer.decidedBy == "alice")
        #expect(await queue.waiterCount(request.id) == 0)
        await #expect(throws: WorkspaceError.self) { try await queue.decide(request.id, approve: false, actor: nil) }
        var counts: [Int] = []
        for await event in subscription.events where event.type == "approvals.changed" {
            counts.append(event.data["pending"]?.intValue ?? -1)
            if counts.count == 2 { break }
        }
        #expect(counts == [1, 0], "the pending count is pushed on every change")
    }

    @Test func unansweredRequestsExpireAsADenial() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let (queue, _) = queue(fixture, timeout: 1)
        let request = try await queue.submit(rm, actor: nil)
        let answer = try await queue.waitForDecision(request.id, seconds: 30)
        #expect(answer.status == .expired && answer.decidedBy == "timeout")
        #expect(try await queue.list(status: .pending, limit: 10).isEmpty)
    }

    @Test func alwaysMakesARuleAndSessionCoversTheSession() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let (queue, _) = queue(fixture)
        let first = try await queue.submit(rm, actor: nil)
        _ = try await queue.decide(first.id, approve: true, scope: .session, actor: nil)
        #expect(try await queue.submit(rm, actor: nil).decidedBy == "session", "same session, tool and action")
        var otherSession = rm
        otherSession.sessionId = "s2"
        let pending = try await queue.submit(otherSession, actor: nil)
        #expect(pending.status == .pending)
        _ = try await queue.decide(pending.id, approve: true, scope: .always, actor: nil)
        let rules = try await queue.rules()
        #expect(rules.map(\.action) == ["rm -rf /tmp/x"] && rules.first?.requestID == pending.id)
        otherSession.sessionId = "s3"
        #expect(try await queue.submit(otherSession, actor: nil).decidedBy == "rule:\(rules[0].id)")
        var different = otherSession
        different.action = "rm -rf /tmp/y"
        #expect(try await queue.submit(different, actor: nil).status == .pending, "a rule matches the exact action only")
        try await queue.deleteRule(rules[0].id, actor: nil)
        otherSession.sessionId = "s4"
        #expect(try await queue.submit(otherSession, actor: nil).status == .pending)
        await #expect(throws: WorkspaceError.self) { try await queue.deleteRule(rules[0].id, actor: nil) }
    }

    @Test func aWaiterThatGoesAwayLeavesNothingBehind() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let (queue, _) = queue(fixture)
        let request = try await queue.submit(rm, actor: nil)
        let waiter = Task { try await queue.waitForDecision(request.id, seconds: 60) }
        while await queue.waiterCount(request.id) == 0 { try await Task.sleep(for: .milliseconds(10)) }
        waiter.cancel()
        let answer = try await waiter.value
        #expect(answer.status == .pending)
        #expect(await queue.waiterCount(request.id) == 0)
        let denied = try await queue.decide(request.id, approve: false, reason: "not now", actor: nil)
        #expect(denied.status == .denied && denied.denyReason == "not now")
    }

    @Test func badSubmissionsAreRefused() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let (queue, _) = queue(fixture)
        for bad in [
            ApprovalSubmission(tool: "", action: "x"), ApprovalSubmission(tool: "terminal", action: ""),
            ApprovalSubmission(tool: "terminal", action: String(repeating: "x", count: 20_001)),
        ] {
            await #expect(throws: WorkspaceError.self) { try await queue.submit(bad, actor: nil) }
        }
        await #expect(throws: WorkspaceError.self) { try await queue.request("../../etc/passwd") }
    }

    private let gate = ApprovalSubmission(
        sessionId: "run_1", platform: "api_server", tool: "terminal", action: "rm -rf /tmp/y", description: "delete in root path",
        patternKeys: ["delete in root path", "tirith:pipe"], allowPermanent: true, smartDenied: false, surface: "gateway")

    @Test func alwaysWritesTheAgentsPatternKeysIntoItsAllowlistKeepingComments() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let config = "# mine\ncommand_allowlist:  # containers are fine\n  - podman *\napprovals:\n  mode: manual  # ask me\n"
        try fixture.write(config, to: "config.yaml")
        let audit = AuditLog(home: fixture.home)
        let allowlist = CommandAllowlist(config: ConfigStore(home: fixture.home, audit: audit))
        let queue = ApprovalQueue(home: fixture.home, audit: audit, events: EventBus(), allowlist: { _ in allowlist }, timeout: { 60 })
        let request = try await queue.submit(gate, actor: nil)
        #expect(request.choices == ["once", "session", "always", "deny"] && request.patternKeys.count == 2)
        let decided = try await queue.decide(
            request.id, approve: true, scope: .always, actor: AuditActor(name: "alice", address: nil, requestID: nil))
        #expect(decided.decidedVia == "workspace" && decided.scope == .always)
        let text = try String(contentsOf: fixture.home.configFile, encoding: .utf8)
        #expect(
            text.contains("# mine") && text.contains("# containers are fine") && text.contains("mode: manual  # ask me"), "comments kept: \(text)")
        #expect(try allowlist.entries().map(\.pattern) == ["podman *", "delete in root path"], "the scan key stays a session approval: \(text)")
        #expect(try await queue.rules().isEmpty, "no exact-action rule: the agent's allowlist is the rule")
        // The same key again adds nothing; removing it leaves the rest.
        let again = try await queue.submit(gate, actor: nil)
        #expect(again.status == .pending, "the agent's gate asked, so the workspace does not answer for it")
        _ = try await queue.decide(again.id, approve: true, scope: .always, actor: nil)
        #expect(try allowlist.entries().count == 2)
        try await allowlist.remove("delete in root path", actor: nil)
        #expect(try allowlist.entries().map(\.pattern) == ["podman *"])
        await #expect(throws: WorkspaceError.self) { try await allowlist.remove("delete in root path", actor: nil) }
    }

    @Test func aChoiceTheAgentWithholdsIsRefusedAndTheRequestStaysPending() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let (queue, _) = queue(fixture)
        var scanned = gate
        scanned.allowPermanent = false
        let noAlways = try await queue.submit(scanned, actor: nil)
        #expect(noAlways.choices == ["once", "session", "deny"])
        await #expect(throws: WorkspaceError.self) { try await queue.decide(noAlways.id, approve: true, scope: .always, actor: nil) }
        var override = gate
        override.smartDenied = true
        let onlyOnce = try await queue.submit(override, actor: nil)
        #expect(onlyOnce.choices == ["once", "deny"])
        await #expect(throws: WorkspaceError.self) { try await queue.decide(onlyOnce.id, approve: true, scope: .session, actor: nil) }
        let stillOnce = try await queue.request(onlyOnce.id).status
        let stillNoAlways = try await queue.request(noAlways.id).status
        #expect(stillOnce == .pending && stillNoAlways == .pending)
        #expect(try await queue.decide(onlyOnce.id, approve: true, scope: .once, actor: nil).status == .approved)
    }

    @Test func anOutcomeElsewhereIsRecordedOnlyFromTheSubmitter() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let (queue, _) = queue(fixture)
        let bridge = AuditActor(name: "bridge", address: nil, requestID: nil, credentialID: "tok_bridge")
        let request = try await queue.submit(gate, actor: bridge)
        let stranger = AuditActor(name: "other", address: nil, requestID: nil, credentialID: "tok_other")
        await #expect(throws: WorkspaceError.self) {
            try await queue.recordOutcome(request.id, ApprovalOutcome(choice: "once", surface: "chat"), actor: stranger)
        }
        await #expect(throws: WorkspaceError.self) {
            try await queue.recordOutcome(request.id, ApprovalOutcome(choice: "maybe", surface: "chat"), actor: bridge)
        }
        let settled = try await queue.recordOutcome(request.id, ApprovalOutcome(choice: "deny", surface: "chat"), actor: bridge)
        #expect(settled.status == .denied && settled.decidedVia == "chat" && settled.decidedBy == "chat")
        let timedOut = try await queue.submit(gate, actor: bridge)
        let expired = try await queue.recordOutcome(timedOut.id, ApprovalOutcome(choice: "timeout", surface: "terminal"), actor: bridge)
        #expect(expired.status == .expired && expired.decidedVia == "timeout")
        // The chat won a race with a person here: what ran is what the request says.
        let raced = try await queue.submit(gate, actor: bridge)
        _ = try await queue.decide(raced.id, approve: true, actor: AuditActor(name: "alice", address: nil, requestID: nil))
        let corrected = try await queue.recordOutcome(raced.id, ApprovalOutcome(choice: "deny", surface: "chat"), actor: bridge)
        #expect(corrected.status == .denied && corrected.denyReason?.contains("before the workspace's answer") == true)
    }
}
