import Foundation
import Testing

@testable import WorkspaceCore

#if canImport(Glibc)
import Glibc
#endif

@Suite struct GatewayControlTests {
    private func control(_ fixture: FixtureHome, command: String = "/bin/false") -> GatewayControl {
        GatewayControl(
            home: fixture.home, root: fixture.home, profile: .default, command: HermesCommand(command),
            monitor: GatewayMonitor(home: fixture.home), audit: AuditLog(home: fixture.home), events: EventBus())
    }

    @Test func aDrainRequestIsWrittenAsTheAgentsDrainControlWritesIt() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        // The gateway must be running to drain: a process holding the lock that looks like one.
        let gateway = try await FakeGateway.start(in: fixture)
        defer { gateway.stop() }
        let control = control(fixture)
        let drain = try await control.drain(cancel: false, suppressNotification: true, actor: nil)
        #expect(drain.draining && control.drainRequested)
        let written = try #require(FileManager.default.contents(atPath: fixture.home.root.appendingPathComponent(".drain_request.json").path))
        let object = try #require(try JSONSerialization.jsonObject(with: written) as? [String: Any])
        #expect(object["action"] as? String == "drain" && object["principal"] as? String == "hermes-workspace")
        #expect(object["suppress_notification"] as? Bool == true)
        #expect(object["epoch"] as? String == GatewayControl.instantiationEpoch() && !(object["epoch"] as? String ?? "").isEmpty)
        #expect((object["requested_at"] as? String)?.hasSuffix("+00:00") == true)
        // The keys in the order the agent writes them.
        let text = String(decoding: written, as: UTF8.self)
        let order = ["action", "requested_at", "principal", "epoch", "suppress_notification"].compactMap { text.range(of: "\"\($0)\"")?.lowerBound }
        #expect(order == order.sorted() && order.count == 5)
        let cancelled = try await control.drain(cancel: true, suppressNotification: false, actor: nil)
        #expect(cancelled.wasDraining == true && !control.drainRequested)
    }

    @Test func stoppingAStoppedGatewayOrDrainingItIsAConflictAndNothingIsWritten() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let control = control(fixture)
        await #expect(throws: WorkspaceError.self) { try await control.begin(.stop, actor: nil) }
        await #expect(throws: WorkspaceError.self) { try await control.drain(cancel: false, suppressNotification: false, actor: nil) }
        #expect(!control.drainRequested && control.action() == nil)
    }

    @Test func aMissingHermesCommandIsUnavailableWithWhatToInstall() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        do {
            _ = try await control(fixture, command: "hermes-not-installed-anywhere").begin(.start, actor: nil)
            Issue.record("a start without the agent's CLI began")
        } catch WorkspaceError.unavailable(let message) {
            #expect(message.contains("pip install hermes-agent") && message.contains("--hermes-command"))
        }
    }

    @Test func aCommandThatFailsEndsTheActionFailedWithItsLastLines() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let script = fixture.home.root.appendingPathComponent("fake-hermes")
        try Data("#!/bin/sh\necho \"no gateway here: $*\"\nexit 3\n".utf8).write(to: script)
        chmod(script.path, 0o755)
        let control = GatewayControl(
            home: fixture.home, root: fixture.home, profile: .default, command: HermesCommand(script.path),
            monitor: GatewayMonitor(home: fixture.home), audit: AuditLog(home: fixture.home), events: EventBus())
        let (begun, joined) = try await control.begin(.start, actor: nil)
        #expect(!joined && begun.status == "running")
        let (again, secondJoined) = try await control.begin(.start, actor: nil)
        #expect(secondJoined && again.startedAt == begun.startedAt, "a second click joins the running action")
        var action = begun
        for _ in 0..<400 where action.status == "running" {
            try await Task.sleep(for: .milliseconds(50))
            action = try #require(control.action(.start))
        }
        #expect(action.status == "failed" && action.method == "detached", "\(action)")
        #expect(action.lines.contains { $0.contains("no gateway here: -p default gateway start") }, "\(action.lines)")
        #expect(action.lines.contains { $0.contains("no gateway here: -p default gateway run") }, "\(action.lines)")
        let log = try String(contentsOf: fixture.home.root.appendingPathComponent("logs/gateway-start.log"), encoding: .utf8)
        #expect(log.hasPrefix("=== gateway-start started ") && log.contains("=== gateway-start failed"))
        let audited = try await AuditLog(home: fixture.home).page(AuditQuery()).items
        #expect(audited.contains { $0.action == "gateway.start" && $0.outcome == .failed }, "\(audited)")
    }

    @Test func aGatewayInAnotherPIDNamespaceIsRunningElsewhereNotStopped() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        // Its pid is no process here, its state file says running, and its lock (on the shared volume) is held.
        try fixture.write(#"{"pid": 4194301, "kind": "hermes-gateway", "argv": ["hermes", "gateway", "run"], "start_time": 7}"#, to: "gateway.pid")
        try fixture.write(
            #"{"pid":4194301,"kind":"hermes-gateway","argv":["hermes","gateway","run"],"start_time":7,"gateway_state":"running","active_agents":1,"platforms":{}}"#,
            to: "gateway_state.json")
        let descriptor = open(fixture.home.gatewayLockFile.path, O_RDWR | O_CREAT, 0o600)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX) == 0)
        let status = await GatewayMonitor(home: fixture.home).status()
        #expect(status.liveness == .runningElsewhere && status.state == "running (not in this PID namespace)", "\(status)")
        #expect(status.activeAgents == 1)
        flock(descriptor, LOCK_UN)
        #expect(await GatewayMonitor(home: fixture.home).status().liveness == .stalePid)
    }
}
