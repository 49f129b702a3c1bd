import Crypto
import Foundation
import GRDB
import HummingbirdOTP
import _CryptoExtras

/// The workspace's own accounts, in `workspace/workspace.db`: a name, a role, a password hash (PBKDF2-HMAC-SHA256,
/// random 16-byte salt, 600,000 rounds — the scheme `auth.json` used), when it was made and last signed in, whether
/// it is disabled, and an optional second factor (TOTP, RFC 6238: 6 digits, 30 s, SHA-1, one step of drift either
/// way, a code never accepted twice) with ten one-time recovery codes kept as SHA-256 hashes.
///
/// Login mode is on while any account exists. The single password of earlier builds (`auth.json`) becomes the first
/// admin account on first use (the file is renamed `auth.json.imported`), so the same name and password keep working.
/// The last enabled admin cannot be removed, disabled or demoted.
public final class Accounts: Sendable {
    /// One account as lists show it (never its hash or secrets).
    public struct Account: Sendable, Codable, Equatable {
        public var name: String
        public var role: Role
        public var createdAt: Date
        public var lastSignInAt: Date?
        public var disabled: Bool
        /// A confirmed TOTP second factor.
        public var secondFactor: Bool
        /// Recovery codes not used yet.
        public var recoveryCodesLeft: Int
    }

    /// A TOTP enrollment in progress: the secret in base32 (what authenticator apps take) and the `otpauth://` URI a
    /// QR code carries. Confirmed with a code from the app.
    public struct Enrollment: Sendable, Codable, Equatable {
        public var secret: String
        public var uri: String
    }

    /// The rounds new hashes get (OWASP's figure for PBKDF2-HMAC-SHA256).
    public static let iterations = 600_000
    /// The shortest password accepted.
    public static let minimumLength = 12
    /// TOTP parameters (the ones every authenticator app supports).
    static let digits = 6
    static let step = 30

    private let storage: WorkspaceDatabase
    private let legacy: URL
    private let changes: HomeChanges
    private let knownIsSet = LockedValue<(generation: UInt64, isSet: Bool)?>(nil)
    private let clock: any WorkspaceClock
    private let iterations: Int

    /// The accounts of `home`. `iterations` is lowered only by tests.
    public init(
        home: HermesHome, database: WorkspaceDatabase? = nil, clock: any WorkspaceClock = SystemClock(), iterations: Int = Accounts.iterations
    ) {
        storage = database ?? WorkspaceDatabase(home: home)
        legacy = home.workspaceDirectory.appendingPathComponent("auth.json")
        changes = HomeChanges.of(home)
        self.clock = clock
        self.iterations = iterations
    }

    // MARK: - Reading

    /// Whether login mode is on (any account exists, or an `auth.json` waits to be imported).
    public var isSet: Bool {
        // Asked by every request that shows the token file (its role depends on it): the answer is kept until
        // workspace.db or auth.json changes (whichever process changed them), as inotify counts it.
        let generation = changes.generation([.workspace])
        if let generation, let known = knownIsSet.value, known.generation == generation { return known.isSet }
        let isSet: Bool
        if FileManager.default.fileExists(atPath: legacy.path) {
            isSet = true
        } else {
            let count = try? database().read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM accounts") ?? 0 }
            isSet = (count ?? 0) > 0
        }
        if let generation { knownIsSet.value = (generation, isSet) }
        return isSet
    }

    /// Every account, by name.
    public func list() throws -> [Account] {
        try database().read { db in try Row.fetchAll(db, sql: "\(Self.select) ORDER BY name COLLATE NOCASE").map(Self.account) }
    }

    /// The account `name` (names are case-insensitive), or nil.
    public func account(named name: String) throws -> Account? {
        try database().read { db in try Row.fetchOne(db, sql: "\(Self.select) WHERE a.name = ?", arguments: [name]).map(Self.account) }
    }

    /// What a signed-in session of `user` stands for now: derived from the account on every request, so a role
    /// change, a disabled or removed account, or a second factor an admin now requires takes effect at once, with no
    /// copy in the session to keep in step.
    public enum Standing: Sendable, Equatable {
        /// No account exists (the home signs in with one-time links): the session keeps its own role.
        case noAccounts
        /// The account, enabled, with its current role; `mustEnroll` when its role requires a second factor it lacks.
        case account(role: Role, mustEnroll: Bool)
        /// No enabled account of that name (removed, disabled, or a sign-in link's session after login mode began).
        case gone
    }

    /// The standing of `user`'s sessions, from one read.
    public func standing(of user: String) throws -> Standing {
        try database().read { db in
            guard (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM accounts") ?? 0) > 0 else { return .noAccounts }
            guard let row = try Row.fetchOne(db, sql: "SELECT role, disabled, totp_secret FROM accounts WHERE name = ?", arguments: [user]),
                !(row["disabled"] as Bool), let role = Role(rawValue: row["role"])
            else { return .gone }
            let required = try Self.required(db)
            return .account(role: role, mustEnroll: (row["totp_secret"] as String?) == nil && required.contains(role))
        }
    }

    private static let select = """
        SELECT a.*, (SELECT COUNT(*) FROM account_recovery_codes r WHERE r.account = a.name AND r.used_at IS NULL) AS codes_left
        FROM accounts a
        """

    private static func account(_ row: Row) -> Account {
        Account(
            name: row["name"], role: Role(rawValue: row["role"]) ?? .viewer, createdAt: Date(timeIntervalSince1970: row["created_at"]),
            lastSignInAt: (row["last_sign_in_at"] as Double?).map(Date.init(timeIntervalSince1970:)), disabled: row["disabled"] as Bool,
            secondFactor: (row["totp_secret"] as String?) != nil, recoveryCodesLeft: row["codes_left"])
    }

    // MARK: - Changing

    /// Adds account `name` with `role` and `password`. A name in use is a 409; the agent role is not for people.
    @discardableResult
    public func create(_ name: String, role: Role, password: String) throws -> Account {
        try Self.check(name: name)
        guard Role.staff.contains(role) else { throw WorkspaceError.invalidInput("An account's role is viewer, operator or admin.") }
        let record = try hash(password)
        let now = clock.now().timeIntervalSince1970
        try database().write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM accounts WHERE name = ?", arguments: [name]) == 0 else {
                throw WorkspaceError.conflict("An account named \(name) exists.")
            }
            try db.execute(
                sql: "INSERT INTO accounts (name, role, algorithm, iterations, salt, hash, created_at) VALUES (?, ?, 'pbkdf2-sha256', ?, ?, ?, ?)",
                arguments: [name, role.rawValue, record.iterations, record.salt, record.hash, now])
        }
        return try account(named: name)!
    }

    /// Replaces `name`'s password. Ending its other sessions is the caller's (it knows which one is current).
    public func setPassword(_ name: String, to password: String) throws {
        let record = try hash(password)
        try database().write { db in
            try db.execute(
                sql: "UPDATE accounts SET algorithm = 'pbkdf2-sha256', iterations = ?, salt = ?, hash = ? WHERE name = ?",
                arguments: [record.iterations, record.salt, record.hash, name])
            guard db.changesCount == 1 else { throw WorkspaceError.notFound(what: "Account \(name)") }
        }
    }

    /// Changes `name`'s role; demoting the last enabled admin is a 409.
    public func setRole(_ name: String, _ role: Role) throws {
        guard Role.staff.contains(role) else { throw WorkspaceError.invalidInput("An account's role is viewer, operator or admin.") }
        try database().write { db in
            let current = try Self.require(db, name)
            if current.role == .admin, role != .admin { try Self.keepAnAdmin(db, besides: name) }
            try db.execute(sql: "UPDATE accounts SET role = ? WHERE name = ?", arguments: [role.rawValue, name])
        }
    }

    /// Disables or enables `name`; disabling the last enabled admin is a 409. Ending its sessions is the caller's.
    public func setDisabled(_ name: String, _ disabled: Bool) throws {
        try database().write { db in
            let current = try Self.require(db, name)
            if disabled, current.role == .admin, !current.disabled { try Self.keepAnAdmin(db, besides: name) }
            try db.execute(sql: "UPDATE accounts SET disabled = ? WHERE name = ?", arguments: [disabled, name])
        }
    }

    /// Removes `name` and its recovery codes; the last enabled admin is a 409.
    public func remove(_ name: String) throws {
        try database().write { db in
            let current = try Self.require(db, name)
            if current.role == .admin, !current.disabled { try Self.keepAnAdmin(db, besides: name) }
            try db.execute(sql: "DELETE FROM account_recovery_codes WHERE account = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM accounts WHERE name = ?", arguments: [name])
        }
    }

    private static func require(_ db: Database, _ name: String) throws -> Account {
        guard let row = try Row.fetchOne(db, sql: "\(select) WHERE a.name = ?", arguments: [name]) else {
            throw WorkspaceError.notFound(what: "Account \(name)")
        }
        return account(row)
    }

    private static func keepAnAdmin(_ db: Database, besides name: String) throws {
        let others =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM accounts WHERE role = 'admin' AND disabled = 0 AND name != ?", arguments: [name]) ?? 0
        guard others > 0 else { throw WorkspaceError.conflict("\(name) is the last enabled admin; make another admin first.") }
    }

    /// Records a completed sign-in.
    public func recordSignIn(_ name: String) throws {
        try database().write { db in
            try db.execute(sql: "UPDATE accounts SET last_sign_in_at = ? WHERE name = ?", arguments: [clock.now().timeIntervalSince1970, name])
        }
    }

    // MARK: - Passwords

    /// The account `name` when `password` is its password and it is enabled; nil otherwise. An unknown name costs
    /// the same derivation, so timing does not say which names exist. Slow (600,000 rounds) and blocking: call it
    /// off the concurrency pool.
    public func verify(_ name: String, password: String) throws -> Account? {
        let row = try database().read { db in try Row.fetchOne(db, sql: "\(Self.select) WHERE a.name = ?", arguments: [name]) }
        let salt = (row?["salt"] as String?).flatMap { Data(base64Encoded: $0) } ?? Data(repeating: 0, count: 16)
        let rounds = (row?["iterations"] as Int?) ?? iterations
        let derived = try Self.derive(password, salt: Array(salt), rounds: rounds)
        guard let row, let expected = (row["hash"] as String?).flatMap({ Data(base64Encoded: $0) }), row["algorithm"] as String == "pbkdf2-sha256"
        else { return nil }
        guard Self.constantTimeEqual(derived, Array(expected)) else { return nil }
        let account = Self.account(row)
        return account.disabled ? nil : account
    }

    private func hash(_ password: String) throws -> (iterations: Int, salt: String, hash: String) {
        guard password.count >= Self.minimumLength else { throw WorkspaceError.invalidInput("Use at least \(Self.minimumLength) characters.") }
        guard password.count <= 1_024 else { throw WorkspaceError.invalidInput("A password is at most 1024 characters.") }
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: .min ... .max, using: &generator) }
        let derived = try Self.derive(password, salt: salt, rounds: iterations)
        return (iterations, Data(salt).base64EncodedString(), Data(derived).base64EncodedString())
    }

    static func derive(_ password: String, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        // Unchecked: `rounds` is this store's own (600,000) or a stored record's; only tests lower it.
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, unsafeUncheckedRounds: rounds)
        return key.withUnsafeBytes { Array($0) }
    }

    /// Compares without stopping at the first difference.
    public static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }

    static func check(name: String) throws {
        guard name.range(of: #"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"#, options: .regularExpression) != nil else {
            throw WorkspaceError.invalidInput("An account name is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.")
        }
    }

    // MARK: - Second factor

    /// Starts (or restarts) a TOTP enrollment for `name`: a new secret, not in force until ``confirmSecondFactor(_:code:)``.
    public func beginSecondFactor(_ name: String, issuer: String = "Hermes Workspace") throws -> Enrollment {
        // 256 random bits as printable text (the OTP library takes its key as text).
        let secret = SecretText.random()
        try database().write { db in
            try db.execute(sql: "UPDATE accounts SET totp_pending = ? WHERE name = ?", arguments: [secret, name])
            guard db.changesCount == 1 else { throw WorkspaceError.notFound(what: "Account \(name)") }
        }
        let uri = TOTP(secret: secret, length: Self.digits, timeStep: Self.step).createAuthenticatorURL(label: "\(issuer):\(name)", issuer: issuer)
        // The base32 text an app takes by hand is the one the library put into the URI (so the two always agree).
        let shown = URLComponents(string: uri)?.queryItems?.first { $0.name == "secret" }?.value ?? ""
        return Enrollment(secret: shown, uri: uri)
    }

    /// Puts the pending secret in force when `code` is right for it, and answers ten new recovery codes (shown once;
    /// only their hashes are kept). Earlier recovery codes stop working.
    public func confirmSecondFactor(_ name: String, code: String) throws -> [String] {
        let now = clock.now()
        return try database().write { db in
            guard let pending = try String.fetchOne(db, sql: "SELECT totp_pending FROM accounts WHERE name = ?", arguments: [name]) else {
                throw WorkspaceError.conflict("Start the enrollment first (it shows the QR code).")
            }
            guard let step = Self.matchingStep(secret: pending, code: code, at: now, after: 0) else {
                throw WorkspaceError.invalidInput("That code is not right for the new secret; check the phone's clock and try the next one.")
            }
            try db.execute(
                sql: "UPDATE accounts SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ? WHERE name = ?",
                arguments: [step, name])
            return try Self.replaceRecoveryCodes(db, name)
        }
    }

    /// Ten fresh recovery codes for `name` (who has a second factor); the old ones stop working.
    public func newRecoveryCodes(_ name: String) throws -> [String] {
        try database().write { db in
            guard try Self.require(db, name).secondFactor else { throw WorkspaceError.conflict("\(name) has no second factor.") }
            return try Self.replaceRecoveryCodes(db, name)
        }
    }

    private static func replaceRecoveryCodes(_ db: Database, _ name: String) throws -> [String] {
        try db.execute(sql: "DELETE FROM account_recovery_codes WHERE account = ?", arguments: [name])
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let codes = (0..<10).map { _ in
            let raw = String((0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
            return String(raw.prefix(5)) + "-" + String(raw.suffix(5))
        }
        for code in codes {
            try db.execute(sql: "INSERT INTO account_recovery_codes (account, code_hash) VALUES (?, ?)", arguments: [name, SecretText.sha256(code)])
        }
        return codes
    }

    /// Removes `name`'s second factor and its recovery codes.
    public func removeSecondFactor(_ name: String) throws {
        try database().write { db in
            try db.execute(sql: "UPDATE accounts SET totp_secret = NULL, totp_pending = NULL, totp_last_step = 0 WHERE name = ?", arguments: [name])
            guard db.changesCount == 1 else { throw WorkspaceError.notFound(what: "Account \(name)") }
            try db.execute(sql: "DELETE FROM account_recovery_codes WHERE account = ?", arguments: [name])
        }
    }

    /// Whether `code` is `name`'s current TOTP code (a code of this or an adjacent 30 s step, newer than the last one
    /// accepted — so a code cannot be used twice) or one of its unused recovery codes (then used up).
    public func checkSecondFactor(_ name: String, code: String) throws -> Bool {
        let now = clock.now()
        let trimmed = code.replacingOccurrences(of: " ", with: "").lowercased()
        return try database().write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT totp_secret, totp_last_step FROM accounts WHERE name = ?", arguments: [name]),
                let secret = row["totp_secret"] as String?
            else { return false }
            if trimmed.count == Self.digits, trimmed.allSatisfy(\.isNumber) {
                guard let step = Self.matchingStep(secret: secret, code: trimmed, at: now, after: row["totp_last_step"]) else { return false }
                try db.execute(sql: "UPDATE accounts SET totp_last_step = ? WHERE name = ?", arguments: [step, name])
                return true
            }
            try db.execute(
                sql: "UPDATE account_recovery_codes SET used_at = ? WHERE account = ? AND code_hash = ? AND used_at IS NULL",
                arguments: [now.timeIntervalSince1970, name, SecretText.sha256(trimmed)])
            return db.changesCount == 1
        }
    }

    /// The 30 s step (of now − 1, now, now + 1) whose code is `code`, when it is later than `after`.
    static func matchingStep(secret: String, code: String, at date: Date, after last: Int64) -> Int64? {
        guard let expected = Int(code), code.count == digits else { return nil }
        let current = Int64(date.timeIntervalSince1970) / Int64(step)
        let totp = TOTP(secret: secret, length: digits, timeStep: step)
        for candidate in [current - 1, current, current + 1] where candidate > last {
            if totp.compute(date: Date(timeIntervalSince1970: TimeInterval(candidate * Int64(step)))) == expected { return candidate }
        }
        return nil
    }

    // MARK: - Policy

    /// The roles that must have a second factor (an admin's setting). Someone of such a role without one is signed
    /// in only to enroll.
    public func rolesRequiringSecondFactor() throws -> Set<Role> {
        try database().read(Self.required)
    }

    private static func required(_ db: Database) throws -> Set<Role> {
        let text = try String.fetchOne(db, sql: "SELECT value FROM auth_settings WHERE key = 'require_second_factor'")
        return Set((text ?? "").split(separator: ",").compactMap { Role(rawValue: String($0)) })
    }

    public func requireSecondFactor(for roles: Set<Role>) throws {
        guard roles.isSubset(of: Set(Role.staff)) else { throw WorkspaceError.invalidInput("Roles are viewer, operator and admin.") }
        let value = Role.staff.filter(roles.contains).map(\.rawValue).joined(separator: ",")
        try database().write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO auth_settings (key, value) VALUES ('require_second_factor', ?)", arguments: [value])
        }
    }

    // MARK: - Storage

    private func database() throws -> DatabaseQueue {
        let queue = try storage.get()
        if FileManager.default.fileExists(atPath: legacy.path) { try importLegacy(into: queue) }
        return queue
    }

    /// `auth.json` of earlier builds: `{user, algorithm, iterations, salt, hash, updatedAt}`, one admin.
    private func importLegacy(into queue: DatabaseQueue) throws {
        struct Record: Decodable {
            var user: String
            var algorithm: String
            var iterations: Int
            var salt: String
            var hash: String
        }
        guard let data = FileManager.default.contents(atPath: legacy.path), let record = try? JSONDecoder().decode(Record.self, from: data) else {
            return
        }
        let now = clock.now().timeIntervalSince1970
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO accounts (name, role, algorithm, iterations, salt, hash, created_at)
                    VALUES (?, 'admin', ?, ?, ?, ?, ?)
                    """, arguments: [record.user, record.algorithm, record.iterations, record.salt, record.hash, now])
        }
        try? FileManager.default.moveItem(at: legacy, to: legacy.appendingPathExtension("imported"))
    }

    /// This store's tables in `workspace.db` (the names are history: never rename one).
    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("accounts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE accounts (
                        name TEXT PRIMARY KEY COLLATE NOCASE, role TEXT NOT NULL, algorithm TEXT NOT NULL, iterations INTEGER NOT NULL,
                        salt TEXT NOT NULL, hash TEXT NOT NULL, created_at REAL NOT NULL, last_sign_in_at REAL,
                        disabled INTEGER NOT NULL DEFAULT 0, totp_secret TEXT, totp_pending TEXT, totp_last_step INTEGER NOT NULL DEFAULT 0);
                    CREATE TABLE account_recovery_codes (account TEXT NOT NULL COLLATE NOCASE, code_hash TEXT NOT NULL, used_at REAL,
                        PRIMARY KEY (account, code_hash));
                    CREATE TABLE auth_settings (key TEXT PRIMARY KEY, value TEXT);
                    """)
        }
    }
}
