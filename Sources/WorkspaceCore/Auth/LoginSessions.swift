import Crypto
import Foundation
import GRDB

/// Signed-in browser sessions, kept server-side in `workspace/workspace.db`: the cookie carries a random 256-bit
/// secret of which only the SHA-256 is stored, with a per-session CSRF token; a session ends after `idle` without
/// use or `absolute` after sign-in, whichever comes first, or on sign-out. Use is recorded at most once a minute, so
/// a busy page does not turn every request into a database write.
public final class LoginSessions: Sendable {
    /// A live session.
    public struct Session: Sendable, Equatable {
        /// Who signed in.
        public var user: String
        /// What the session may do.
        public var role: Role = .admin
        /// A stable id of the session (the start of its secret's hash), never the secret.
        public var id: String = ""
        /// The token state-changing requests must echo in `X-CSRF-Token`.
        public var csrf: String
        /// When it ends at the latest.
        public var expiresAt: Date
        /// Signed in only to enroll a second factor its role requires: every other route is refused. Not stored:
        /// derived from the account at each request (``Accounts/standing(of:)``).
        public var enrollOnly: Bool = false
    }

    /// A session as its owner (or an admin) sees it in a list.
    public struct Listed: Sendable, Codable, Equatable {
        public var id: String
        public var user: String
        public var role: Role
        public var createdAt: Date
        public var lastSeenAt: Date
        public var expiresAt: Date
        /// The address it signed in from.
        public var address: String?
        public var userAgent: String?
        /// Whether this is the session asking.
        public var current: Bool
    }

    private let idle: TimeInterval
    private let absolute: TimeInterval
    private let storage: WorkspaceDatabase
    private let clock: any WorkspaceClock

    /// Sessions of `home`, ending after `idle` seconds unused or `absolute` seconds after sign-in.
    public init(
        home: HermesHome, idle: TimeInterval = 8 * 3_600, absolute: TimeInterval = 7 * 86_400, clock: any WorkspaceClock = SystemClock(),
        database: WorkspaceDatabase? = nil
    ) {
        self.clock = clock
        storage = database ?? WorkspaceDatabase(home: home)
        self.idle = idle
        self.absolute = absolute
    }

    /// The absolute lifetime (the cookie's Max-Age).
    public var lifetime: TimeInterval { absolute }

    /// Starts a session for `user`; returns the cookie secret and the session.
    public func create(
        user: String, role: Role = .admin, client: String?, userAgent: String? = nil, now: Date? = nil
    ) throws -> (secret: String, session: Session) {
        let now = now ?? clock.now()
        let secret = Self.randomToken()
        let session = Session(
            user: user, role: role, id: String(Self.hash(secret).prefix(12)), csrf: Self.randomToken(),
            expiresAt: now.addingTimeInterval(absolute))
        try database().write { db in
            try db.execute(
                sql: "DELETE FROM login_sessions WHERE expires_at <= ? OR last_seen <= ?",
                arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970 - idle])
            try db.execute(
                sql:
                    """
                    INSERT INTO login_sessions (secret_hash, user, csrf, created_at, last_seen, expires_at, client, role, user_agent)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    Self.hash(secret), user, session.csrf, now.timeIntervalSince1970, now.timeIntervalSince1970,
                    session.expiresAt.timeIntervalSince1970, client, role.rawValue, userAgent.map { String($0.prefix(300)) },
                ])
        }
        return (secret, session)
    }

    /// The live session the cookie `secret` names (its idle clock restarts), or `nil`.
    public func session(for secret: String, now: Date? = nil) throws -> Session? {
        let now = now ?? clock.now()
        guard secret.count == 43, secret.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        let key = Self.hash(secret)
        let database = try database()
        guard let row = try database.read({ db in try Row.fetchOne(db, sql: "SELECT * FROM login_sessions WHERE secret_hash = ?", arguments: [key]) })
        else {
            return nil
        }
        let lastSeen: Double = row["last_seen"]
        let expires: Double = row["expires_at"]
        let moment = now.timeIntervalSince1970
        guard expires > moment, lastSeen > moment - idle else {
            try database.write { db in try db.execute(sql: "DELETE FROM login_sessions WHERE secret_hash = ?", arguments: [key]) }
            return nil
        }
        if moment - lastSeen >= 60 {
            try database.write { db in try db.execute(sql: "UPDATE login_sessions SET last_seen = ? WHERE secret_hash = ?", arguments: [moment, key])
            }
        }
        return Session(
            user: row["user"], role: Role(rawValue: row["role"]) ?? .viewer, id: String(key.prefix(12)), csrf: row["csrf"],
            expiresAt: Date(timeIntervalSince1970: expires))
    }

    /// The live sessions of `user` (every account's when nil), newest use first; `current` marks the asking one.
    public func list(user: String?, current: String? = nil, now: Date? = nil) throws -> [Listed] {
        let moment = (now ?? clock.now()).timeIntervalSince1970
        return try database().read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM login_sessions WHERE expires_at > ? AND last_seen > ? \(user == nil ? "" : "AND user = ? COLLATE NOCASE")
                    ORDER BY last_seen DESC
                    """, arguments: StatementArguments([moment, moment - idle] + (user.map { [$0] } ?? []))
            ).map { row in
                let id = String((row["secret_hash"] as String).prefix(12))
                return Listed(
                    id: id, user: row["user"], role: Role(rawValue: row["role"]) ?? .viewer,
                    createdAt: Date(timeIntervalSince1970: row["created_at"]),
                    lastSeenAt: Date(timeIntervalSince1970: row["last_seen"]), expiresAt: Date(timeIntervalSince1970: row["expires_at"]),
                    address: row["client"], userAgent: row["user_agent"], current: id == current)
            }
        }
    }

    /// Ends the session with list id `id` (of `user` only, when given). Returns whether one ended.
    @discardableResult
    public func end(id: String, user: String? = nil) throws -> Bool {
        guard id.count == 12, id.allSatisfy(\.isHexDigit) else { return false }
        return try database().write { db in
            try db.execute(
                sql: "DELETE FROM login_sessions WHERE substr(secret_hash, 1, 12) = ? \(user == nil ? "" : "AND user = ? COLLATE NOCASE")",
                arguments: StatementArguments([id] + (user.map { [$0] } ?? [])))
            return db.changesCount > 0
        }
    }

    /// Ends every session of `user` but the one with id `except`. Returns how many ended.
    @discardableResult
    public func endAll(user: String, except: String? = nil) throws -> Int {
        try database().write { db in
            try db.execute(
                sql: "DELETE FROM login_sessions WHERE user = ? COLLATE NOCASE AND substr(secret_hash, 1, 12) != ?",
                arguments: [user, except ?? ""])
            return db.changesCount
        }
    }

    /// Ends the session the cookie names.
    public func end(_ secret: String) throws {
        try database().write { db in try db.execute(sql: "DELETE FROM login_sessions WHERE secret_hash = ?", arguments: [Self.hash(secret)]) }
    }

    /// Ends every session (after a password change).
    public func endAll() throws {
        try database().write { db in try db.execute(sql: "DELETE FROM login_sessions") }
    }

    private func database() throws -> DatabaseQueue { try storage.get() }

    /// This store's tables in `workspace.db`, registered by ``WorkspaceDatabase`` (the names are history: never rename one).
    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("login_sessions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE login_sessions (secret_hash TEXT PRIMARY KEY, user TEXT NOT NULL, csrf TEXT NOT NULL, created_at REAL NOT NULL,
                                                 last_seen REAL NOT NULL, expires_at REAL NOT NULL, client TEXT);
                    """)
        }
        migrator.registerMigration("login_sessions_role") { db in
            try db.execute(sql: "ALTER TABLE login_sessions ADD COLUMN role TEXT NOT NULL DEFAULT 'admin'")
        }
        migrator.registerMigration("login_sessions_accounts") { db in
            try db.execute(sql: "ALTER TABLE login_sessions ADD COLUMN user_agent TEXT")
            // Unused: whether a session may only enroll is derived from its account at each request.
            try db.execute(sql: "ALTER TABLE login_sessions ADD COLUMN enroll_only INTEGER NOT NULL DEFAULT 0")
        }
    }

    private static func hash(_ secret: String) -> String { SecretText.sha256(secret) }

    /// 32 random bytes, base64url without padding (43 characters).
    static func randomToken() -> String { SecretText.random() }
}
