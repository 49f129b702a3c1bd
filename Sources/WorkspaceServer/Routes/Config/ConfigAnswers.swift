import Foundation
import WorkspaceCore

/// `GET /config`: the user's file as JSON (secrets masked) and the ETag to send back with edits.
struct ConfigDocumentAnswer: Encodable {
    var path: String
    var exists: Bool
    var etag: String
    var modified: Date?
    var readOnly: Bool
    var config: OrderedJSON
    var maskedPaths: [String]
}

/// `GET /config/effective`: the merged tree and each leaf's source.
struct EffectiveConfigAnswer: Encodable {
    struct Item: Encodable {
        var path: String
        var value: OrderedJSON
        var source: String
    }

    var etag: String
    var config: OrderedJSON
    var items: [Item]
}

/// `GET /config/raw`: the text itself.
struct RawConfigAnswer: Encodable {
    var etag: String
    var text: String
    var readOnly: Bool
}

/// The answer to every write (and dry run): the new state and what changed.
struct ConfigChangeAnswer: Encodable {
    var written: Bool
    var etag: String
    var changedPaths: [String]
    var diff: String
    var backupID: String?
    /// The old spelling of `backupID`, sent beside it until 0.3.
    var backupId: String?
    var config: OrderedJSON

    init(_ change: ConfigChange) {
        written = change.written
        etag = change.snapshot.etag
        changedPaths = change.changedPaths
        diff = change.diff
        backupID = change.backupID
        backupId = change.backupID
        config = ConfigMasking().masked(change.snapshot.value).value
    }
}

/// `GET /config/history`.
struct ConfigHistoryAnswer: Encodable {
    var items: [ConfigVersion]
}
