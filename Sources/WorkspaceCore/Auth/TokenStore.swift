import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Keeps the API token in `HERMES_HOME/workspace/token` (folder 0700, file 0600).
///
/// The token is read again whenever the file changes, so `hermes-workspace token --rotate`
/// takes effect in a running server without a restart.
public final class TokenStore: Sendable {
    private let file: URL
    /// Its path, converted once: every request signed with the token checks the file's signature.
    private let path: String
    private let cache = LockedValue<(signature: FileSignature, token: APIToken)?>(nil)

    /// Creates a store for the token of `home`.
    public init(home: HermesHome) {
        self.file = home.tokenFile
        path = file.path
    }

    /// The current token, created on first use.
    public func current() throws -> APIToken {
        if let signature = FileSignature(path: path), let cached = cache.value, cached.signature == signature {
            return cached.token
        }
        if let token = try readToken() { return token }
        return try write(APIToken.generate())
    }

    /// Replaces the token with a fresh one and returns it.
    @discardableResult
    public func rotate() throws -> APIToken {
        try write(APIToken.generate())
    }

    private func readToken() throws -> APIToken? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count >= 32 else { return nil }
        let token = APIToken(value: text)
        if let signature = FileSignature(path: path) { cache.value = (signature, token) }
        return token
    }

    private func write(_ token: APIToken) throws -> APIToken {
        let directory = file.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw WorkspaceError.storageFailure(path: directory.path, reason: "cannot create the folder")
        }
        try AtomicFileWriter(defaultMode: 0o600).write(Data((token.value + "\n").utf8), to: file)
        chmod(path, 0o600)
        if let signature = FileSignature(path: path) { cache.value = (signature, token) }
        return token
    }
}
