import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct LogFollowerTests {
    private func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    private func record(_ index: Int) -> String {
        "2026-11-17 11:00:\(String(format: "%02d", index % 60)),000 INFO [s1] run_agent: line \(index)\n"
    }

    /// What a follower hands out now and once its last record has settled.
    private func drain(_ follower: LogFollower) throws -> [String] {
        (try follower.poll(now: Date()) + follower.poll(now: Date().addingTimeInterval(10))).map(\.record.message)
    }

    @Test func followingAcrossRotationAndTruncationLosesAndRepeatsNothing() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let logs = fixture.home.logsDirectory
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let current = logs.appendingPathComponent("agent.log")
        try (0..<5).map(record).joined().write(to: current, atomically: false, encoding: .utf8)
        let follower = try LogFollower(home: fixture.home, log: "agent")
        #expect(try drain(follower).isEmpty, "following starts at the end")

        var seen: [String] = []
        try append(record(5) + record(6) + "Traceback (most recent call last):\n", to: current)
        let early = try follower.poll(now: Date())
        #expect(early.map(\.record.message) == ["line 5"], "line 6 may still get continuation lines")
        seen += early.map(\.record.message)
        try append("RuntimeError: boom\n" + record(7), to: current)
        // The agent's rotation: the writer renames the file and opens a new one; lines written just before still count.
        try FileManager.default.moveItem(at: current, to: logs.appendingPathComponent("agent.log.1"))
        try append(record(8), to: logs.appendingPathComponent("agent.log.1"))
        try record(9).write(to: current, atomically: false, encoding: .utf8)
        let rotated = try follower.poll(now: Date()) + follower.poll(now: Date().addingTimeInterval(10))
        seen += rotated.map(\.record.message)
        #expect(rotated.first { $0.record.message == "line 6" }?.record.continuation == ["Traceback (most recent call last):", "RuntimeError: boom"])

        try append(record(10), to: current)
        seen += try drain(follower)
        try "".write(to: current, atomically: false, encoding: .utf8)
        try append(record(11), to: current)
        seen += try drain(follower)
        #expect(seen == (5...11).map { "line \($0)" })
    }

    @Test func aResumingFollowerStartsAtItsCursorAndAPartialLineWaits() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(at: fixture.home.logsDirectory, withIntermediateDirectories: true)
        let current = fixture.home.logsDirectory.appendingPathComponent("agent.log")
        try (0..<3).map(record).joined().write(to: current, atomically: false, encoding: .utf8)
        let page = try LogReader(home: fixture.home).page(log: "agent", before: nil, limit: 3, filter: LogFilter())
        let cursor = try #require(LogCursor(page.items[2].id), "the start of line 2 is where line 1 ends")
        let resumed = try LogFollower(home: fixture.home, log: "agent", from: cursor)
        #expect(try drain(resumed) == ["line 2"])
        try append("2026-11-17 11:00:03,000 INFO run_agent: half", to: current)
        #expect(try drain(resumed).isEmpty, "a line without its newline is not a record yet")
        try append(" written\n", to: current)
        #expect(try drain(resumed) == ["half written"])
    }

    @Test func aResumedStreamWhoseFileRotatedMeanwhileFinishesTheOldFileFirst() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let logs = fixture.home.logsDirectory
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let current = logs.appendingPathComponent("agent.log")
        try (0..<2).map(record).joined().write(to: current, atomically: false, encoding: .utf8)
        let cursor = try #require(LogFollower.end(of: "agent", in: fixture.home))
        try append(record(2), to: current)
        try FileManager.default.moveItem(at: current, to: logs.appendingPathComponent("agent.log.1"))
        try record(3).write(to: current, atomically: false, encoding: .utf8)
        let resumed = try LogFollower(home: fixture.home, log: "agent", from: cursor)
        #expect(try drain(resumed) == ["line 2", "line 3"])
    }
}
