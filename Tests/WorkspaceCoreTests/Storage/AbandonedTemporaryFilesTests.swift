import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct AbandonedTemporaryFilesTests {
    @Test func onlyFilesOfWritersThatAreGoneAreRemoved() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let gone = finished.processIdentifier
        let abandoned = [".config.yaml.\(gone).a1B2c3.tmp", "cron/.jobs.json.\(gone).zzzzzz.tmp", "skills/ops/x/.SKILL.md.\(gone).Qw3rty.tmp"]
        let kept = [
            ".config.yaml.\(getpid()).a1B2c3.tmp",  // this process is still writing it
            ".env.1.abcdef.tmp",  // pid 1 is alive
            "cron/.jobs.json.tmp",  // not ours (no pid)
            "config.yaml", "notes.\(gone).abcdef.tmp",
        ]  // not hidden: not ours
        for name in abandoned + kept { try fixture.write("x", to: name) }
        let removed = AbandonedTemporaryFiles.remove(in: fixture.home).map { String($0.dropFirst(fixture.home.path.count + 1)) }
        #expect(Set(removed) == Set(abandoned))
        for name in kept { #expect(FileManager.default.fileExists(atPath: fixture.home.root.appendingPathComponent(name).path), "\(name)") }
    }
}
