import Foundation
import WorkspaceCore

/// A process that looks like a live gateway of `home` (`hermes gateway run` holding `gateway.lock`), with
/// `gateway.pid` naming it, for the monitor's and the controls' tests. Terminate it when done.
struct FakeGateway {
    let process: Process
    let pid: Int
    let startTicks: UInt64

    static func start(in fixture: FixtureHome) async throws -> FakeGateway {
        let helper = Process()
        helper.executableURL = URL(fileURLWithPath: "/bin/sh")
        helper.arguments = ["-c", "exec 9>\"$0\"; flock -x 9; sleep 60", fixture.home.gatewayLockFile.path, "hermes", "gateway", "run"]
        try helper.run()
        let pid = Int(helper.processIdentifier)
        var ticks: UInt64 = 0
        for _ in 0..<200 {
            if let snapshot = ProcessTable().snapshot(of: pid), GatewayFiles(home: fixture.home).lockIsHeld() {
                ticks = snapshot.startTicks
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        try fixture.write(
            #"{"pid": \#(pid), "kind": "hermes-gateway", "argv": ["hermes", "gateway", "run"], "start_time": \#(ticks)}"#, to: "gateway.pid")
        return FakeGateway(process: helper, pid: pid, startTicks: ticks)
    }

    func stop() { process.terminate() }
}
