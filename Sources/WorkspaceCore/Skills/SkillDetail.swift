import Foundation

/// One skill opened: its record, SKILL.md's text and ETag, the files beside it, and whether each variable it needs
/// is set in `.env`.
public struct SkillDetail: Sendable, Encodable {
    /// A file inside the skill's folder.
    public struct File: Sendable, Encodable, Equatable {
        /// Path relative to the skill folder.
        public var path: String
        /// Size in bytes.
        public var size: Int
    }

    /// A variable the skill needs.
    public struct Variable: Sendable, Encodable, Equatable {
        /// Its name.
        public var name: String
        /// Whether `.env` (or the server's environment) defines it.
        public var isSet: Bool
    }

    /// The listing record.
    public var skill: Skill
    /// SKILL.md as stored.
    public var content: String
    /// Strong ETag of SKILL.md: send it back in `If-Match` to edit.
    public var etag: String
    /// Whether it may be edited here (local skills only; external folders are read-only).
    public var editable: Bool
    /// Files in the folder (support files included), sorted.
    public var files: [File]
    /// Variables and whether they are set.
    public var variables: [Variable]
}
