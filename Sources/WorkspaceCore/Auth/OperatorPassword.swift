import Crypto
import Foundation
import _CryptoExtras

/// The operator's password for login mode, in `HERMES_HOME/workspace/auth.json` (0600): PBKDF2-HMAC-SHA256 with a
/// random 16-byte salt and 600,000 rounds, never the password itself. Verification is constant-time.
public struct OperatorPassword: Sendable {
    /// What `auth.json` holds.
    struct Record: Codable, Equatable {
        var version: Int
        var user: String
        var algorithm: String
        var iterations: Int
        var salt: String
        var hash: String
        var updatedAt: Date
    }

    /// The rounds new hashes get (OWASP's figure for PBKDF2-HMAC-SHA256).
    public static let iterations = 600_000
    /// The shortest password accepted.
    public static let minimumLength = 12

    private let url: URL

    /// The password of `home`.
    public init(home: HermesHome) {
        url = home.workspaceDirectory.appendingPathComponent("auth.json")
    }

    /// Whether a password is set (login mode is on).
    public var isSet: Bool { FileManager.default.fileExists(atPath: url.path) }

    /// The account name, when a password is set.
    public var user: String? { (try? record())?.user }

    /// Sets (or replaces) the password of `user`.
    public func set(_ password: String, user: String = "admin") throws {
        guard password.count >= Self.minimumLength else { throw WorkspaceError.invalidInput("Use at least \(Self.minimumLength) characters.") }
        guard !user.isEmpty, user.count <= 64, !user.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw WorkspaceError.invalidInput("The user name is 1 to 64 characters without spaces.")
        }
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: .min ... .max, using: &generator) }
        let hash = try Self.derive(password, salt: salt, rounds: Self.iterations)
        let record = Record(
            version: 1, user: user, algorithm: "pbkdf2-sha256", iterations: Self.iterations,
            salt: Data(salt).base64EncodedString(), hash: Data(hash).base64EncodedString(), updatedAt: Date())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try AtomicFileWriter(forcedMode: 0o600).write(try encoder.encode(record), to: url)
    }

    /// Whether `user` and `password` match. Deliberately slow (600,000 rounds) and blocking: call it off the concurrency pool.
    public func verify(user: String, password: String) throws -> Bool {
        let record = try record()
        guard let salt = Data(base64Encoded: record.salt), let expected = Data(base64Encoded: record.hash), record.algorithm == "pbkdf2-sha256" else {
            throw WorkspaceError.storageFailure(path: url.path, reason: "it is not a password record this version understands")
        }
        let derived = try Self.derive(password, salt: Array(salt), rounds: record.iterations)
        let userMatches = Self.constantTimeEqual(Array(user.utf8), Array(record.user.utf8))
        return Self.constantTimeEqual(derived, Array(expected)) && userMatches
    }

    private func record() throws -> Record {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw WorkspaceError.notFound(what: "auth.json") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Record.self, from: data)
    }

    private static func derive(_ password: String, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, rounds: rounds)
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
}
