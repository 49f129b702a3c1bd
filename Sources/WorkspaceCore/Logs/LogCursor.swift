/// A position in a log that survives rotation: the inode of the file it is in and a byte offset in it.
public struct LogCursor: Sendable, Equatable, Hashable {
    /// The file's inode (`agent.log` keeps it when it is renamed to `agent.log.1`).
    public var inode: UInt64
    /// Byte offset.
    public var offset: UInt64

    /// Creates a cursor.
    public init(inode: UInt64, offset: UInt64) {
        self.inode = inode
        self.offset = offset
    }

    /// Parses `<inode>:<offset>`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let inode = UInt64(parts[0]), let offset = UInt64(parts[1]) else { return nil }
        self.init(inode: inode, offset: offset)
    }

    /// `<inode>:<offset>`.
    public var text: String { "\(inode):\(offset)" }
}
