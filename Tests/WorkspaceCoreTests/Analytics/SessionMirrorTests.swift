import Foundation
import GRDB
import Testing

@testable import WorkspaceCore

/// The mirror answers exactly what the agent's file answers — sorted pages and analytics — after a first copy,
/// after the agent's writes (copied incrementally) and after deletions and replacements (copied in full).
@Suite struct SessionMirrorTests {
    private final class Clock: Sendable {
        let now = LockedValue(StateHome.demoNow)
    }

    private struct Setup {
        let state: StateHome
        let mirror: SessionMirror
        let clock: Clock
        let url: URL
        /// One service for the whole test, so what it keeps per epoch is used across the agent's writes.
        let viaMirror: AnalyticsService

        init(_ state: StateHome) {
            self.state = state
            let clock = Clock()
            self.clock = clock
            url = state.home.root.appendingPathComponent("workspace/mirror/default.db")
            let mirror = SessionMirror(source: state.database, url: url, now: { clock.now.value })
            self.mirror = mirror
            viaMirror = AnalyticsService(
                database: state.database, mirror: mirror, timeZone: AgentTimeZone(home: state.home, environment: [:]), now: { StateHome.demoNow })
        }

        func mirrored() -> SessionStore { SessionStore(database: state.database, mirror: mirror, now: { StateHome.demoNow }) }

        var direct: AnalyticsService {
            AnalyticsService(database: state.database, timeZone: AgentTimeZone(home: state.home, environment: [:]), now: { StateHome.demoNow })
        }

        func epoch() async throws -> Int? { try await mirror.read { _, _, epoch in epoch } }
    }

    /// Every page of every mirrored sort, both directions, with and without a platform filter, walked by cursor.
    private func walk(_ store: SessionStore, platforms: [String] = []) async throws -> [String: [String]] {
        var walks: [String: [String]] = [:]
        for sort in SessionMirror.sortColumns.map(\.sort) {
            for ascending in [false, true] {
                var query = SessionQuery()
                query.sort = sort
                query.ascending = ascending
                query.platforms = platforms
                query.limit = 9
                var seen: [String] = []
                while true {
                    let page = try await store.page(query)
                    seen += page.items.map(\.id)
                    guard let next = page.nextCursor else { break }
                    query.cursor = try SessionCursor(token: next, expecting: sort)
                }
                walks["\(sort) \(ascending)"] = seen
            }
        }
        return walks
    }

    /// Sorted pages and the usage, model and platform figures, through the mirror and straight from state.db.
    /// The agent's write pattern on one session: a message, then a counter (`update` sets columns of its row).
    private func agentWrites(_ state: StateHome, to id: String, _ update: String, message: String, role: String = "user") throws {
        try state.write { db in
            try db.execute(
                sql: "INSERT INTO messages (session_id, role, content, timestamp) VALUES (?, ?, ?, ?)",
                arguments: [id, role, message, StateHome.demoNow.timeIntervalSince1970])
            try db.execute(sql: "UPDATE sessions SET \(update) WHERE id = ?", arguments: [id])
        }
    }

    private func expectSameAnswers(_ setup: Setup, _ comment: Comment) async throws {
        let direct = SessionStore(database: setup.state.database, now: { StateHome.demoNow })
        #expect(try await walk(setup.mirrored()) == walk(direct), comment)
        #expect(try await walk(setup.mirrored(), platforms: ["telegram", "cli"]) == walk(direct, platforms: ["telegram", "cli"]), comment)
        let range = try AnalyticsRange(
            from: StateHome.demoNow.addingTimeInterval(-400 * 86_400), to: StateHome.demoNow.addingTimeInterval(86_400),
            timeZone: TimeZone(identifier: "UTC")!, bucket: .day)
        let (viaMirror, viaFile) = (setup.viaMirror, setup.direct)
        // Sums of the same rows, though SQLite may add them in another order: equal to the last few bits.
        #expect(try await sameFigures(viaMirror.usage(range), viaFile.usage(range)), comment)
        #expect(try await sameFigures(viaMirror.models(range), viaFile.models(range)), comment)
        #expect(try await sameFigures(viaMirror.platforms(range), viaFile.platforms(range)), comment)
    }

    /// Whether `left` and `right` encode to the same JSON, numbers equal to one part in 10¹².
    private func sameFigures<T: Encodable>(_ left: T, _ right: T) throws -> Bool {
        func same(_ left: Any, _ right: Any) -> Bool {
            switch (left, right) {
            case let (left as [String: Any], right as [String: Any]):
                return left.keys.sorted() == right.keys.sorted() && left.allSatisfy { same($0.value, right[$0.key]!) }
            case let (left as [Any], right as [Any]):
                return left.count == right.count && zip(left, right).allSatisfy(same)
            case let (left as NSNumber, right as NSNumber):
                return abs(left.doubleValue - right.doubleValue) <= 1e-12 * max(1, abs(left.doubleValue))
            default:
                return "\(left)" == "\(right)"
            }
        }
        let encoder = JSONEncoder()
        return same(
            try JSONSerialization.jsonObject(with: encoder.encode(left), options: .fragmentsAllowed),
            try JSONSerialization.jsonObject(with: encoder.encode(right), options: .fragmentsAllowed))
    }

    @Test func theCopyAnswersAsTheAgentsFileDoesThroughWritesDeletionsAndReplacement() async throws {
        let state = try StateHome.demo(sessions: 120)
        defer { state.remove() }
        let setup = Setup(state)
        let signature = FileSignature(path: state.home.stateDatabase.path)

        #expect(try await setup.mirror.sync() == .full(reason: "first use"))
        let openCount: Int = try state.scalar("SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL") ?? 0
        #expect(openCount > 0)
        #expect(try await setup.mirror.sync() == .incremental(sessions: openCount), "with nothing new, only the open sessions are read again")
        try await expectSameAnswers(setup, "after the first copy")
        #expect(FileSignature(path: state.home.stateDatabase.path) == signature, "state.db is only read")
        let mode = try FileManager.default.attributesOfItem(atPath: setup.url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // The agent's write pattern: a message in an open conversation, then its counters.
        let open = try #require(try state.strings("SELECT id FROM sessions WHERE ended_at IS NULL LIMIT 1").first)
        try agentWrites(
            state, to: open, "message_count = message_count + 1, input_tokens = input_tokens + 900000, estimated_cost_usd = 99", message: "one more")
        #expect(try await setup.mirror.sync() == .incremental(sessions: openCount))
        try await expectSameAnswers(setup, "after a message and new counters")
        let top = try await setup.mirrored().page(
            {
                var query = SessionQuery()
                query.sort = .cost
                return query
            }())
        #expect(top.items.first?.segmentIDs.contains(open) == true, "the conversation that now costs most leads")

        // Writes to an open session leave the settled rows (and the sums kept for them) as they were; a message
        // in an ended one changes a settled row, which starts a new epoch.
        let epoch = try await setup.epoch()
        try agentWrites(state, to: open, "output_tokens = output_tokens + 7", message: "and more", role: "assistant")
        try await expectSameAnswers(setup, "after another write to the open session")
        #expect(try await setup.epoch() == epoch)
        let settledOne = try #require(try state.strings("SELECT id FROM sessions WHERE ended_at IS NOT NULL ORDER BY started_at DESC LIMIT 1").first)
        try agentWrites(state, to: settledOne, "input_tokens = input_tokens + 424242", message: "late reply")
        try await expectSameAnswers(setup, "after a message in an ended session")
        #expect(try await setup.epoch() != epoch)

        // The settled sums are kept in the copy too: a new service (a restarted workspace) answers from them, and
        // they go when the epoch does.
        let kept = { try DatabaseQueue(path: setup.url.path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sums") ?? 0 } }
        #expect(try kept() == 3, "usage, models and platforms of one window")
        let restarted = AnalyticsService(
            database: state.database, mirror: setup.mirror, timeZone: AgentTimeZone(home: state.home, environment: [:]), now: { StateHome.demoNow })
        let range = try AnalyticsRange(
            from: StateHome.demoNow.addingTimeInterval(-400 * 86_400), to: StateHome.demoNow.addingTimeInterval(86_400),
            timeZone: TimeZone(identifier: "UTC")!, bucket: .day)
        #expect(try await sameFigures(restarted.models(range), setup.direct.models(range)))
        try agentWrites(state, to: settledOne, "output_tokens = output_tokens + 1", message: "later still")
        try await setup.mirror.sync()
        #expect(try kept() == 0, "a new epoch drops the sums of the last")
        #expect(try await sameFigures(restarted.models(range), setup.direct.models(range)))

        // A new session, and an ended one whose counters change without a message: the second shows at the
        // periodic full copy.
        let ended = try #require(try state.strings("SELECT id FROM sessions WHERE ended_at IS NOT NULL AND parent_session_id IS NULL LIMIT 1").first)
        try state.write { db in
            try db.execute(
                sql:
                    "INSERT INTO sessions (id, source, model, started_at, message_count, estimated_cost_usd) VALUES ('fresh', 'cli', 'm', ?, 3, 0.5)",
                arguments: [StateHome.demoNow.timeIntervalSince1970 - 60])
            try db.execute(sql: "UPDATE sessions SET estimated_cost_usd = 500 WHERE id = ?", arguments: [ended])
        }
        guard case .incremental = try await setup.mirror.sync() else {
            Issue.record("a new session is copied incrementally")
            return
        }
        setup.clock.now.value = StateHome.demoNow.addingTimeInterval(SessionMirror.fullCopyInterval + 1)
        try state.write { db in try db.execute(sql: "UPDATE sessions SET title = 'touched' WHERE id = 'fresh'") }
        #expect(try await setup.mirror.sync() == .full(reason: "periodic full copy"))
        try await expectSameAnswers(setup, "after the periodic full copy")

        // Deleting an old session and inserting another leaves the count as it was; the copy still drops the row
        // the agent no longer has.
        let old = try #require(try state.strings("SELECT id FROM sessions WHERE parent_session_id IS NULL ORDER BY started_at LIMIT 1").first)
        try state.write { db in
            try db.execute(sql: "DELETE FROM session_model_usage WHERE session_id = ?", arguments: [old])
            try db.execute(sql: "DELETE FROM messages WHERE session_id = ?", arguments: [old])
            try db.execute(sql: "UPDATE sessions SET parent_session_id = NULL WHERE parent_session_id = ?", arguments: [old])
            try db.execute(sql: "DELETE FROM sessions WHERE id = ?", arguments: [old])
            try db.execute(
                sql: "INSERT INTO sessions (id, source, started_at) VALUES ('another', 'telegram', ?)",
                arguments: [StateHome.demoNow.timeIntervalSince1970])
        }
        guard case .incremental = try await setup.mirror.sync() else {
            Issue.record("a deletion among other writes is followed without a full copy")
            return
        }
        try await expectSameAnswers(setup, "after a deletion and an insertion")

        // A deletion with nothing else written (as the Sessions tab's delete does): no new message, no new row.
        let quiet = try #require(
            try state.strings("SELECT id FROM sessions WHERE ended_at IS NOT NULL AND parent_session_id IS NULL ORDER BY started_at LIMIT 1 OFFSET 3")
                .first)
        try state.write { db in
            try db.execute(sql: "DELETE FROM session_model_usage WHERE session_id = ?", arguments: [quiet])
            try db.execute(sql: "DELETE FROM messages WHERE session_id = ?", arguments: [quiet])
            try db.execute(sql: "UPDATE sessions SET parent_session_id = NULL WHERE parent_session_id = ?", arguments: [quiet])
            try db.execute(sql: "DELETE FROM sessions WHERE id = ?", arguments: [quiet])
        }
        guard case .incremental = try await setup.mirror.sync() else {
            Issue.record("a deletion alone is followed without a full copy")
            return
        }
        try await expectSameAnswers(setup, "after a deletion alone")

        // The newest session deleted: the rowid it had no longer names it.
        try state.write { db in try db.execute(sql: "DELETE FROM sessions WHERE id = 'another'") }
        #expect(try await setup.mirror.sync() == .full(reason: "rowids were renumbered or the newest session was deleted"))
        try await expectSameAnswers(setup, "after the newest session was deleted")

        // state.db restored from elsewhere (a new file): copied in full.
        let other = try StateHome.demo(sessions: 30)
        defer { other.remove() }
        let replacement = state.home.root.appendingPathComponent("state.db.new")
        try FileManager.default.copyItem(at: other.home.stateDatabase, to: replacement)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: state.home.stateDatabase.path + suffix) }
        #expect(rename(replacement.path, state.home.stateDatabase.path) == 0)
        #expect(try await setup.mirror.sync() == .full(reason: "state.db was replaced"))
        try await expectSameAnswers(setup, "after state.db was replaced")
    }

    @Test func aPageOfTheMirrorIsReadThroughTheAnswerPathWhenTheFileChanges() async throws {
        let state = try StateHome.demo(sessions: 40)
        defer { state.remove() }
        let setup = Setup(state)
        try await setup.mirror.sync()
        var query = SessionQuery()
        query.sort = .messages
        query.limit = 3
        let before = try await setup.mirrored().page(query)
        let last = try #require(before.items.last)
        try agentWrites(state, to: last.segmentIDs.last ?? last.id, "message_count = 10000, ended_at = NULL", message: "again")
        let after = try await setup.mirrored().page(query)
        #expect(after.items.first?.id == last.id, "read() brings the copy up to date before it answers")
        #expect(after.nextCursor != nil)
    }

    @Test func theFirstCopyIsMadeInTheBackgroundWhileStateDbAnswers() async throws {
        let state = try StateHome.demo(sessions: 40)
        defer { state.remove() }
        let setup = Setup(state)
        await #expect(throws: SessionMirror.NotReady.self) { try await setup.mirror.read { _, _ in 1 } }
        // Meanwhile the answers come from state.db (or from the copy, once it is there): the same either way.
        try await expectSameAnswers(setup, "while the first copy is made")
        var ready = false
        for _ in 0..<400 where !ready {
            ready = (try? await setup.mirror.read { _, _ in true }) != nil
            if !ready { try await Task.sleep(for: .milliseconds(25)) }
        }
        #expect(ready, "the first copy was made without anyone waiting for it")
        try await expectSameAnswers(setup, "from the first copy")
    }

    @Test func aHomeWithoutSessionsSaysSoThroughTheMirrorToo() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let mirror = SessionMirror(source: StateDatabase(url: fixture.home.stateDatabase), url: fixture.home.root.appendingPathComponent("m/x.db"))
        #expect(try await mirror.read { _, _ in 1 } == nil, "no state.db: nothing to read")
        try await DatabaseQueue(path: fixture.home.stateDatabase.path).write { db in try db.execute(sql: "CREATE TABLE other (x)") }
        #expect(try await mirror.sync() == .full(reason: "state.db has no sessions"))
        #expect(try await mirror.read { _, schema in schema.hasSessions } == false)
        var query = SessionQuery()
        query.sort = .cost
        #expect(try await mirror.page(query) == nil)
    }
}
