import Crypto
import Foundation

/// The version of a document (`config.yaml`, a cron job, a skill's SKILL.md): a digest of its content, written as
/// an entity tag (`"sha256-…"`, quotes included) because that is how every client sees it — in the `ETag` header
/// and in the `etag` fields of answers — and sends it back. One place builds them; nothing else quotes by hand.
public struct Revision: Sendable, Hashable, CustomStringConvertible {
    /// The entity tag, quotes included.
    public let tag: String

    /// The revision a client sent (`"job-…"`).
    public init(tag: String) {
        self.tag = tag
    }

    /// The revision of `data` for documents of `kind` (`sha256`, `job`, `skill`): the first `bytes` of its SHA-256.
    public static func digest(_ kind: String, of data: Data, bytes: Int) -> Revision {
        Revision(tag: "\"\(kind)-" + SHA256.hash(data: data).prefix(bytes).map { String(format: "%02x", $0) }.joined() + "\"")
    }

    /// The entity tag.
    public var description: String { tag }
}

/// Which revision a write was based on: any at all (`If-Match: *`), or one of some the client names. A write with
/// none is refused (``WorkspaceError/revisionRequired(_:)``); one based on another revision is a conflict.
public enum ExpectedRevision: Sendable, Equatable {
    /// Whatever is there now.
    case any
    /// One of these.
    case oneOf([Revision])

    /// Exactly the revision whose tag is `tag`.
    public static func exactly(_ tag: String) -> ExpectedRevision { .oneOf([Revision(tag: tag)]) }

    /// Whether a write based on this may replace `current`.
    public func admits(_ current: Revision) -> Bool {
        switch self {
        case .any: true
        case .oneOf(let revisions): revisions.contains(current)
        }
    }

    /// Throws ``WorkspaceError/revisionRequired(_:)`` (saying `what` to send) when `expected` is `nil`, and
    /// ``WorkspaceError/conflict(_:)`` (saying `changed`) when it does not admit `current`.
    public static func check(_ expected: ExpectedRevision?, against current: Revision, missing what: String, changed: String) throws {
        guard let expected else { throw WorkspaceError.revisionRequired(what) }
        guard expected.admits(current) else { throw WorkspaceError.conflict(changed) }
    }
}
