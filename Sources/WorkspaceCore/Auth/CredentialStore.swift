import Crypto
import Foundation
import GRDB

/// Scoped API tokens and one-time sign-in links, in the workspace's own database (`workspace/workspace.db`, 0600).
///
/// Only SHA-256 hashes of tokens and links are stored: a token is shown once, when it is made, and can then only be
/// listed (by name, role and dates) or revoked. Tokens look like `hwt_<43 base64url characters>` (256 bits).
/// An agent token also carries a signing key the server uses to sign its answers to the approvals bridge, so the
/// bridge can tell the workspace from whatever else answers on its port.
public final class CredentialStore: Sendable {
    /// A token as `token list` shows it: never the secret.
    public struct TokenInfo: Sendable, Equatable, Codable {
        /// Short id (first characters of the hash).
        public var id: String
        /// The name given at creation (unique among live tokens).
        public var name: String
        /// What it may do.
        public var role: Role
        /// When it was made.
        public var createdAt: Date
        /// When it was last used (to the minute).
        public var lastUsedAt: Date?
    }

    /// A token just made: the only time its secret exists outside the caller.
    public struct CreatedToken: Sendable {
        /// Its listing.
        public var info: TokenInfo
        /// The secret to send as `Authorization: Bearer …`.
        public var secret: String
        /// For agent tokens: the key the server signs bridge answers with (base64url).
        public var signingKey: String?
    }

    /// Prefix of every API token.
    public static let tokenPrefix = "hwt_"

    private let storage: WorkspaceDatabase
    private let clock: any WorkspaceClock
    private let lastUse = LockedValue<[String: Date]>([:])

    /// The store of `home`.
    public init(home: HermesHome, clock: any WorkspaceClock = SystemClock(), database: WorkspaceDatabase? = nil) {
        self.clock = clock
        storage = database ?? WorkspaceDatabase(home: home)
    }

    // MARK: Tokens

    /// Makes a token called `name` with `role`. Names are 1–64 letters, digits, `-`, `_` or `.`; an existing live
    /// token of that name is a conflict unless `replacing` is set, which revokes it first.
    public func createToken(name: String, role: Role, replacing: Bool = false, now: Date? = nil) throws -> CreatedToken {
        let now = now ?? clock.now()
        guard Self.isValidName(name) else {
            throw WorkspaceError.invalidInput("A token name is 1 to 64 letters, digits, '-', '_' or '.'.")
        }
        let secret = Self.tokenPrefix + SecretText.random()
        let signingKey = role == .agent ? SecretText.random() : nil
        let hash = SecretText.sha256(secret)
        let info = TokenInfo(id: String(hash.prefix(12)), name: name, role: role, createdAt: now, lastUsedAt: nil)
        try database().write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM api_tokens WHERE name = ?", arguments: [name]) == true {
                guard replacing else { throw WorkspaceError.conflict("A token called \(name) exists; revoke it first or pass --replace.") }
                try db.execute(sql: "DELETE FROM api_tokens WHERE name = ?", arguments: [name])
            }
            try db.execute(
                sql: "INSERT INTO api_tokens (hash, name, role, created_at, signing_key) VALUES (?, ?, ?, ?, ?)",
                arguments: [hash, name, role.rawValue, now.timeIntervalSince1970, signingKey])
        }
        return CreatedToken(info: info, secret: secret, signingKey: signingKey)
    }

    /// Every live token, oldest first.
    public func tokens() throws -> [TokenInfo] {
        try database().read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_tokens ORDER BY created_at, name").map(Self.info(from:))
        }
    }

    /// Revokes the token with `nameOrID` (its name or the id `token list` shows). Returns whether one was revoked.
    @discardableResult
    public func revoke(_ nameOrID: String) throws -> Bool {
        try database().write { db in
            try db.execute(
                sql: "DELETE FROM api_tokens WHERE name = ? OR (length(?) >= 8 AND substr(hash, 1, length(?)) = ?)",
                arguments: [nameOrID, nameOrID, nameOrID, nameOrID])
            return db.changesCount > 0
        }
    }

    /// The principal `secret` authenticates, or `nil`. Use is recorded at most once a minute.
    public func principal(forToken secret: String, now: Date? = nil) throws -> Principal? {
        let now = now ?? clock.now()
        guard secret.hasPrefix(Self.tokenPrefix), secret.count == Self.tokenPrefix.count + 43,
            secret.utf8.allSatisfy({ $0 < 128 })
        else { return nil }
        let hash = SecretText.sha256(secret)
        let database = try database()
        guard let row = try database.read({ db in try Row.fetchOne(db, sql: "SELECT * FROM api_tokens WHERE hash = ?", arguments: [hash]) }) else {
            return nil
        }
        let info = Self.info(from: row)
        let stale = lastUse.withValue { seen -> Bool in
            if let last = seen[hash], now.timeIntervalSince(last) < 60 { return false }
            seen[hash] = now
            return true
        }
        if stale {
            try? database.write { db in
                try db.execute(sql: "UPDATE api_tokens SET last_used_at = ? WHERE hash = ?", arguments: [now.timeIntervalSince1970, hash])
            }
        }
        return Principal(kind: .apiToken, credentialID: "token:" + info.id, name: "token:" + info.name, role: info.role)
    }

    /// The signing key of the agent token `principal` authenticated with, if it has one.
    public func signingKey(for principal: Principal) throws -> String? {
        guard principal.kind == .apiToken, principal.credentialID.hasPrefix("token:") else { return nil }
        let id = String(principal.credentialID.dropFirst("token:".count))
        return try database().read { db in
            try String.fetchOne(db, sql: "SELECT signing_key FROM api_tokens WHERE substr(hash, 1, 12) = ? AND role = 'agent'", arguments: [id])
        }
    }

    // MARK: Sign-in links

    /// A one-time sign-in code, valid for `lifetime` seconds, stored only as its hash.
    public func createSigninCode(lifetime: TimeInterval = 24 * 3_600, now: Date? = nil) throws -> String {
        let now = now ?? clock.now()
        let code = SecretText.random()
        try database().write { db in
            try db.execute(sql: "DELETE FROM signin_links WHERE expires_at <= ?", arguments: [now.timeIntervalSince1970])
            try db.execute(
                sql: "INSERT INTO signin_links (hash, created_at, expires_at) VALUES (?, ?, ?)",
                arguments: [SecretText.sha256(code), now.timeIntervalSince1970, now.addingTimeInterval(lifetime).timeIntervalSince1970])
        }
        return code
    }

    /// Uses up `code`: `true` once for a live code, `false` for an unknown, used or expired one.
    public func redeemSigninCode(_ code: String, now: Date? = nil) throws -> Bool {
        let now = now ?? clock.now()
        guard code.count == 43, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return false }
        return try database().write { db in
            try db.execute(
                sql: "DELETE FROM signin_links WHERE hash = ? AND expires_at > ?", arguments: [SecretText.sha256(code), now.timeIntervalSince1970])
            return db.changesCount == 1
        }
    }

    // MARK: Helpers

    /// The signature of an answer to the approvals bridge: `v1=` and the hex HMAC-SHA256 under `key` of the
    /// bridge's `nonce`, a newline and the answer's `body`.
    public static func signature(key: String, nonce: String, body: [UInt8]) -> String {
        var message = Array(nonce.utf8)
        message.append(UInt8(ascii: "\n"))
        message.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(key.utf8)))
        return "v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `name` is an acceptable token name.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    private static func info(from row: Row) -> TokenInfo {
        let hash: String = row["hash"]
        return TokenInfo(
            id: String(hash.prefix(12)), name: row["name"], role: Role(rawValue: row["role"]) ?? .viewer,
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            lastUsedAt: (row["last_used_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    private func database() throws -> DatabaseQueue { try storage.get() }

    /// This store's tables in `workspace.db`, registered by ``WorkspaceDatabase`` (the names are history: never rename one).
    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("api_tokens") { db in
            try db.execute(
                sql: """
                    CREATE TABLE api_tokens (hash TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, created_at REAL NOT NULL,
                                             last_used_at REAL, signing_key TEXT);
                    CREATE TABLE signin_links (hash TEXT PRIMARY KEY, created_at REAL NOT NULL, expires_at REAL NOT NULL);
                    """)
        }
    }
}
