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
}
