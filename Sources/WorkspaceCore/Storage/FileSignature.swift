#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Identity and version of a file (inode, size, modification time), used to notice changes cheaply.
public struct FileSignature: Sendable, Hashable {
    /// Inode number; changes when a file is replaced by rename.
    public let inode: UInt64
    /// Size in bytes.
    public let size: Int64
    /// Modification time in nanoseconds since the epoch.
    public let modifiedNanoseconds: Int64

    /// Reads the signature of `path`, or `nil` when it cannot be stat'ed.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }

    /// Modification time in seconds since the epoch.
    public var modifiedEpoch: Double { Double(modifiedNanoseconds) / 1_000_000_000 }
}
