import Foundation

/// One earlier version of `config.yaml`, as the history lists it.
public struct ConfigVersion: Sendable, Codable, Equatable {
    /// Id to restore it by.
    public var id: String
    /// When it was replaced.
    public var savedAt: Date
    /// Size in bytes.
    public var size: Int
    /// Its ETag.
    public var etag: String
    /// Unified diff from this version to the one that replaced it.
    public var diff: String
    /// What the write that replaced it did and where it came from (absent for versions kept before 0.2).
    public var change: Change?

    /// The write that replaced a version, in words.
    public struct Change: Sendable, Codable, Equatable {
        /// Each change ("skills.disabled −translate"), secrets never shown.
        public var summary: [String]
        /// Where in the workspace it was made: "Config", "Raw YAML", "History", "Skills", "Approvals", "install-plugin".
        public var source: String
        /// Who made it (a sign-in's user, a token's name, `cli`).
        public var actor: String?

        public init(summary: [String], source: String, actor: String?) {
            self.summary = summary
            self.source = source
            self.actor = actor
        }
    }
}
