import Foundation
import Testing

@testable import WorkspaceCore

/// The newest page of a log that grew is read only in its new bytes; whatever was appended (single lines,
/// tracebacks, a half-written line, a record's continuation arriving late, a rotation, a truncation), the page
/// equals the one a reader that never saw the log before reads from scratch.
@Suite struct LogTailTests {
    private var stamp = 0

    private mutating func record(_ level: String, _ text: String, traceback: Bool = false) -> String {
        stamp += 1
        let time = String(format: "2026-11-17 12:%02d:%02d,%03d", (stamp / 60) % 60, stamp % 60, stamp % 1000)
        return "\(time) \(level) [s\(stamp % 3)] tools.web: \(text) \(stamp)\n"
            + (traceback ? "Traceback (most recent call last):\n  boom \(stamp)\n" : "")
    }

    private func append(_ text: String, to file: URL) throws {
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Asks `kept` (which has seen every earlier state) and a fresh reader for the same page; they must agree.
    private func expectSame(_ kept: LogReader, _ home: HermesHome, limit: Int, filter: LogFilter, _ step: String) throws {
        let extended = try kept.page(log: "agent", before: nil, limit: limit, filter: filter)
        let fresh = try LogReader(home: home, zone: TimeZone(identifier: "UTC")!).page(log: "agent", before: nil, limit: limit, filter: filter)
        #expect(extended.items == fresh.items, "\(step): \(extended.items.map(\.message)) vs \(fresh.items.map(\.message))")
        #expect(extended.nextCursor == fresh.nextCursor, "\(step)")
    }

    @Test mutating func aGrownLogReadsOnlyItsNewBytesAndEqualsAFreshRead() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let folder = fixture.home.logsDirectory
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("agent.log")
        try Data((0..<30).map { _ in record("INFO", "start") }.joined().utf8).write(to: file)
        var errors = LogFilter()
        errors.minimumLevel = .error
        for (limit, filter) in [(10, LogFilter()), (200, LogFilter()), (5, errors)] {
            let kept = LogReader(home: fixture.home, zone: TimeZone(identifier: "UTC")!)
            try expectSame(kept, fixture.home, limit: limit, filter: filter, "first read")

            try append(record("INFO", "one more"), to: file)
            let grown = try kept.page(log: "agent", before: nil, limit: limit, filter: filter)
            #expect(grown.bytesScanned < 200, "only the new line is read, not \(grown.bytesScanned) bytes")
            try expectSame(kept, fixture.home, limit: limit, filter: filter, "one line")

            try append(record("ERROR", "failed", traceback: true) + record("WARNING", "slow") + record("ERROR", "again"), to: file)
            try expectSame(kept, fixture.home, limit: limit, filter: filter, "a traceback and more")

            try append(String(record("INFO", "half").dropLast(10)), to: file)
            try expectSame(kept, fixture.home, limit: limit, filter: filter, "a half-written line")
            try append("written,\n", to: file)
            try expectSame(kept, fixture.home, limit: limit, filter: filter, "the line finished")

            try append(record("ERROR", "late traceback"), to: file)
            try expectSame(kept, fixture.home, limit: limit, filter: filter, "a record")
            try append("Traceback (most recent call last):\n  arrives late\n", to: file)
            try expectSame(kept, fixture.home, limit: limit, filter: filter, "its continuation arriving later")

            try FileManager.default.moveItem(at: file, to: folder.appendingPathComponent("agent.log.1"))
            try Data(record("ERROR", "after rotation").utf8).write(to: file)
            try expectSame(kept, fixture.home, limit: limit, filter: filter, "rotated")

            try Data(record("INFO", "truncated").utf8).write(to: file)
            try expectSame(kept, fixture.home, limit: limit, filter: filter, "rewritten shorter")
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("agent.log.1"))
        }
    }
}
