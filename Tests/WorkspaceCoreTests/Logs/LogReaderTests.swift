import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct LogReaderTests {
    private func line(_ index: Int, level: String = "INFO", logger: String = "run_agent", session: String? = "s1") -> String {
        let second = String(format: "%02d", index % 60)
        let minute = String(format: "%02d", (index / 60) % 60)
        return
            "2026-11-17 11:\(minute):\(second),\(String(format: "%03d", index % 1000)) \(level) \(session.map { "[\($0)] " } ?? "")\(logger): message \(index)\n"
    }

    @Test func headersTracebacksBadBytesAndRawLinesParse() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        var bytes = Data("Traceback (most recent call last):\n  orphaned continuation\n".utf8)
        bytes += Data(line(1).utf8)
        bytes += Data(
            "2026-11-17 11:00:02,000 ERROR tools.terminal_tool: failed: exit 1\nTraceback (most recent call last):\n  File \"x.py\", line 1\nRuntimeError: boom\n"
                .utf8)
        bytes += Data("2026-11-17 11:00:03,000 WARNING [s2] gateway: bad bytes \u{FF}".utf8) + Data([0xFF, 0xFE]) + Data("\n".utf8)
        try FileManager.default.createDirectory(at: fixture.home.logsDirectory, withIntermediateDirectories: true)
        try bytes.write(to: fixture.home.logsDirectory.appendingPathComponent("agent.log"))
        let page = try LogReader(home: fixture.home, zone: TimeZone(identifier: "Europe/Berlin")!).page(
            log: "agent", before: nil, limit: 10, filter: LogFilter())
        #expect(page.items.count == 4)
        #expect(
            page.items[0].raw && page.items[0].message == "Traceback (most recent call last):"
                && page.items[0].continuation == ["  orphaned continuation"])
        #expect(page.items[1].session == "s1" && page.items[1].logger == "run_agent" && page.items[1].message == "message 1")
        #expect(page.items[1].time == ISO8601DateFormatter().date(from: "2026-11-17T10:00:01Z")?.addingTimeInterval(0.001))
        #expect(page.items[2].level == "ERROR" && page.items[2].session == nil && page.items[2].message == "failed: exit 1")
        #expect(page.items[2].continuation == ["Traceback (most recent call last):", "  File \"x.py\", line 1", "RuntimeError: boom"])
        #expect(page.items[3].message.hasPrefix("bad bytes") && page.items[3].message.contains("\u{FFFD}"))
        #expect(page.nextCursor == nil)
    }

    @Test func pagesWalkBackwardsAcrossRotatedFilesWithoutLossOrRepeats() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let logs = fixture.home.logsDirectory
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        // agent.log.2 is the oldest: records 0..<300, then .1 holds 300..<600, the current file 600..<1000.
        for (name, range) in [("agent.log.2", 0..<300), ("agent.log.1", 300..<600), ("agent.log", 600..<1000)] {
            try range.map { line($0) }.joined().write(to: logs.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let reader = LogReader(home: fixture.home)
        var seen: [String] = []
        var cursor: LogCursor?
        repeat {
            let page = try reader.page(log: "agent", before: cursor, limit: 170, filter: LogFilter())
            seen = page.items.map(\.message) + seen
            cursor = page.nextCursor.flatMap(LogCursor.init)
        } while cursor != nil
        #expect(seen == (0..<1000).map { "message \($0)" })
    }

    @Test func filtersNarrowByLevelLoggerSessionTextAndRegex() throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        let reader = LogReader(home: fixture.home)
        var errors = LogFilter()
        errors.minimumLevel = .error
        let page = try reader.page(log: "agent", before: nil, limit: 50, filter: errors)
        #expect(page.items.count == 50 && page.items.allSatisfy { ["ERROR", "CRITICAL"].contains($0.level ?? "") })
        var tools = LogFilter()
        tools.loggerPrefixes = ["tools."]
        tools.session = "s77"
        #expect(
            try reader.page(log: "agent", before: nil, limit: 500, filter: tools).items.allSatisfy {
                $0.logger!.hasPrefix("tools.") && $0.session == "s77"
            })
        var regex = LogFilter()
        try regex.search("/upstream\\s+TIMEOUT/i")
        let tracebacks = try reader.page(log: "agent", before: nil, limit: 20, filter: regex).items
        #expect(!tracebacks.isEmpty && tracebacks.allSatisfy { $0.continuation.contains("RuntimeError: upstream timeout") })
        var bad = LogFilter()
        #expect(throws: WorkspaceError.self) { try bad.search("/(unclosed/") }
        #expect(throws: WorkspaceError.self) { try bad.search(String(repeating: "a", count: 300)) }
        var pasted = LogFilter()
        try pasted.search("/tmp/run-7/out")
        #expect(pasted.isNarrowing, "a pasted path is plain text, not a refused /pattern/flags")
        var flagged = LogFilter()
        #expect(throws: Never.self) { try flagged.search("/timeout/i") }
    }

    @Test func aScanStopsAtItsBudgetAndCanContinue() throws {
        let fixture = try FixtureHome.agentFixture()
        defer { fixture.remove() }
        var reader = LogReader(home: fixture.home)
        reader.byteBudget = 64 * 1024
        var nothing = LogFilter()
        try nothing.search("no such text anywhere")
        let page = try reader.page(log: "agent", before: nil, limit: 10, filter: nothing)
        #expect(page.partial && page.items.isEmpty && page.nextCursor != nil)
        #expect(page.bytesScanned <= 2 * 64 * 1024)
        #expect(throws: WorkspaceError.self) { try reader.page(log: "../secrets", before: nil, limit: 10, filter: LogFilter()) }
    }
}
