/// The outcome of a configuration write (or of its dry run): the new state, what changed, and the diff.
public struct ConfigChange: Sendable {
    /// The configuration after the change (what it would be, for a dry run).
    public var snapshot: ConfigSnapshot
    /// Dotted paths whose values differ from before.
    public var changedPaths: [String]
    /// Unified diff of the text.
    public var diff: String
    /// Whether the file was written (false for dry runs and for changes that change nothing).
    public var written: Bool
    /// The id of the backup that holds the previous version, when one was made.
    public var backupID: String?
}
