import Foundation
import GRDB

@testable import WorkspaceCore
@testable import WorkspaceDemo

/// A home with a `state.db` for session and analytics tests, plus direct SQL access to check answers against.
struct StateHome {
    static let demoNow = Date(timeIntervalSince1970: 1_795_600_000)

    let fixture: FixtureHome
    var home: HermesHome { fixture.home }

    /// The agent-written fixture (40 sessions × 16 messages).
    static func agentFixture() throws -> StateHome { StateHome(fixture: try .agentFixture()) }

    /// A demo home with lineage (compression chains, branches, delegates), auxiliary usage and a CJK message.
    static func demo(sessions: Int = 80) throws -> StateHome {
        let fixture = try FixtureHome.empty()
        try FileManager.default.removeItem(at: fixture.home.root)
        try DemoHomeWriter(now: demoNow, seed: 7, sessionCount: sessions).write(to: fixture.home)
        return StateHome(fixture: fixture)
    }

    var database: StateDatabase { StateDatabase(url: home.stateDatabase) }

    func store(now: Date = StateHome.demoNow) -> SessionStore {
        SessionStore(database: database, now: { now })
    }

    /// A plain read-write connection, as another process would hold.
    func connection() throws -> DatabaseQueue {
        try DatabaseQueue(path: home.stateDatabase.path)
    }

    /// Writes through a separate connection, as the agent would.
    func write(_ body: (Database) throws -> Void) throws {
        try connection().write(body)
    }

    func scalar<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> T? {
        try connection().read { try T.fetchOne($0, sql: sql, arguments: arguments) }
    }

    func strings(_ sql: String, _ arguments: StatementArguments = []) throws -> [String] {
        try connection().read { try String.fetchAll($0, sql: sql, arguments: arguments) }
    }

    func remove() { fixture.remove() }
}
