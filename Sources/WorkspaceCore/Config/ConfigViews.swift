import Foundation

// The Config tab's views of `config.yaml`: secrets masked, each with the ETag to send back with an edit.

/// The user's file as JSON (secrets masked) and its ETag.
public struct ConfigDocumentView: Sendable, Encodable {
    /// Where the file is.
    public var path: String
    /// Whether it exists (an absent file reads as an empty document).
    public var exists: Bool
    /// The revision to send back in `If-Match`.
    public var etag: String
    /// When it last changed on disk.
    public var modified: Date?
    /// Whether this home refuses writes (a managed install).
    public var readOnly: Bool
    /// The document, secrets masked.
    public var config: OrderedJSON
    /// The dotted paths whose values were masked.
    public var maskedPaths: [String]
}

/// The merged tree (the agent's defaults under the user's values) and each leaf's source.
public struct EffectiveConfigView: Sendable, Encodable {
    /// One leaf of the merged tree.
    public struct Item: Sendable, Encodable {
        /// Dotted path.
        public var path: String
        /// Its value.
        public var value: OrderedJSON
        /// `set` (the user's file) or `default` (the agent's).
        public var source: String
    }

    /// The revision of the user's file it was merged from.
    public var etag: String
    /// The merged tree.
    public var config: OrderedJSON
    /// Every leaf with its source.
    public var items: [Item]
}

/// The text itself, even when it does not parse (so the raw editor can fix it).
public struct RawConfigView: Sendable, Encodable {
    /// The revision to send back in `If-Match`.
    public var etag: String
    /// The file's text.
    public var text: String
    /// Whether this home refuses writes.
    public var readOnly: Bool
}

/// The answer to every write (and dry run): the new state (masked) and what changed.
public struct ConfigChangeView: Sendable, Encodable {
    /// Whether the file was written (false for a dry run or no change).
    public var written: Bool
    /// The new revision.
    public var etag: String
    /// Dotted paths whose values changed.
    public var changedPaths: [String]
    /// A unified diff with secrets masked.
    public var diff: String
    /// The id of the backup of the previous version.
    public var backupID: String?
    /// The old spelling of `backupID`, sent beside it until 0.3.
    public var backupId: String?
    /// The new document, secrets masked.
    public var config: OrderedJSON

    /// The view of `change`.
    public init(_ change: ConfigChange) {
        written = change.written
        etag = change.snapshot.etag
        changedPaths = change.changedPaths
        diff = change.diff
        backupID = change.backupID
        backupId = change.backupID
        config = ConfigMasking().masked(change.snapshot.value).value
    }
}

/// The kept versions, newest first, each with its diff to the next newer.
public struct ConfigHistoryView: Sendable, Encodable {
    /// The versions.
    public var items: [ConfigVersion]
}

extension ConfigStore {
    /// The file as the Config tab shows it.
    public nonisolated func document() throws -> ConfigDocumentView {
        let snapshot = try snapshot()
        // A document that is only `null` (or `~`) reads as no settings, as the agent's `yaml.safe_load(f) or {}` does.
        let (config, masked) = ConfigMasking().masked(snapshot.value == .null ? .object([]) : snapshot.value)
        return ConfigDocumentView(
            path: configFile.path, exists: snapshot.exists, etag: snapshot.etag, modified: snapshot.modified, readOnly: isReadOnly,
            config: config, maskedPaths: masked)
    }

    /// The merged tree with each leaf's source.
    public nonisolated func effective() throws -> EffectiveConfigView {
        let snapshot = try snapshot()
        let effective = EffectiveConfig(user: snapshot.value)
        return EffectiveConfigView(
            etag: snapshot.etag, config: effective.value, items: effective.leaves.map { .init(path: $0.path, value: $0.value, source: $0.source) })
    }

    /// The text on disk now, for the raw editor.
    public nonisolated func raw() throws -> RawConfigView {
        let (text, etag) = try rawText()
        return RawConfigView(etag: etag, text: text, readOnly: isReadOnly)
    }

    /// The kept versions.
    public nonisolated func historyView() throws -> ConfigHistoryView {
        ConfigHistoryView(items: try history())
    }
}
