import Foundation
import GRDB
import Testing

@testable import WorkspaceCore

@Suite struct AuditLogTests {
    @Test func anOlderTrailIsMigratedIntoTheAuditTable() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(at: fixture.home.workspaceDirectory, withIntermediateDirectories: true)
        try Self.writeOldTrail(at: fixture.home.workspaceDatabase)
        let audit = AuditLog(home: fixture.home)
        try await audit.record(
            AuditEvent(
                action: .configPatch, target: "timezone", summary: "changed timezone",
                actor: AuditActor(name: "admin", address: "10.1.1.1", requestID: "r10")))
        let items = try await audit.page(AuditQuery()).items
        #expect(items.map(\.action) == ["config.patch", "sessions.delete"])
        #expect(items[1].summary == "reason: active" && items[1].clientAddress == "127.0.0.1" && items[1].actor == "token")
        #expect(items[0].actor == "admin")
    }

    private static func writeOldTrail(at url: URL) throws {
        try DatabaseQueue(path: url.path).write { db in
            try db.execute(
                sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('audit_events');
                    CREATE TABLE audit_events (id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
                        outcome TEXT NOT NULL, actor TEXT, request_id TEXT, details TEXT NOT NULL DEFAULT '{}');
                    INSERT INTO audit_events (at, action, target, outcome, actor, request_id, details)
                        VALUES (1764000000, 'sessions.delete', 's1', 'refused', '127.0.0.1', 'r9', '{"reason":"active"}');
                    """)
        }
    }

    @Test func pagesAndFiltersNewestFirst() async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let audit = AuditLog(home: fixture.home)
        for index in 0..<7 {
            try await audit.record(
                AuditEvent(
                    action: index.isMultiple(of: 2) ? .keysSet : .configPatch, target: "t\(index)", actor: nil,
                    at: Date(timeIntervalSince1970: 1_764_000_000 + Double(index) * 60)))
        }
        var query = AuditQuery()
        query.limit = 3
        let first = try await audit.page(query)
        #expect(first.items.map(\.target) == ["t6", "t5", "t4"])
        query.beforeID = first.nextCursor.flatMap(Int64.init)
        #expect(try await audit.page(query).items.map(\.target) == ["t3", "t2", "t1"])
        var keys = AuditQuery()
        keys.actionPrefix = "keys."
        keys.since = Date(timeIntervalSince1970: 1_764_000_000 + 120)
        #expect(try await audit.page(keys).items.map(\.target) == ["t6", "t4", "t2"])
        #expect(try await audit.page(keys).items.first?.actor == "system")
    }
}
