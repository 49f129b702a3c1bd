import Crypto
import Foundation

/// `config.yaml` as read at one moment: its text, its parsed value and the ETag that names this exact content.
public struct ConfigSnapshot: Sendable {
    /// The text (empty when the file does not exist).
    public let text: String
    /// The parsed value with secrets as written (never sent out unmasked; see ``ConfigMasking``).
    public let value: OrderedJSON
    /// Strong ETag of the bytes: `"sha256-<hex>"`, quoted as HTTP wants it.
    public let etag: String
    /// Whether the file exists.
    public let exists: Bool
    /// When the file was last modified.
    public let modified: Date?

    /// Parses `text`; throws ``ConfigProblem`` when the file itself is broken.
    public init(text: String, exists: Bool, modified: Date?) throws {
        self.text = text
        self.exists = exists
        self.modified = modified
        etag = Self.etag(of: text)
        value = try YAMLDocument(text: text).value
    }

    /// The ETag `text` would have.
    public static func etag(of text: String) -> String {
        Revision.digest("sha256", of: Data(text.utf8), bytes: 16).tag
    }
}
