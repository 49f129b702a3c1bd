import Foundation

/// Reads a file's lines from a byte offset towards its start, a block at a time, so the last lines of a huge
/// file cost the same as those of a small one. Each line comes with the offset it starts at; bytes that are not
/// UTF-8 are replaced, never dropped.
struct BackwardLineReader {
    static let blockSize = 64 * 1024

    private let handle: FileHandle
    /// Offset of the first byte held in `pending`.
    private var pendingStart: UInt64
    /// Bytes from `pendingStart` up to the start of the last line returned.
    private var pending: [UInt8] = []

    /// Offset where reading stops, as if the file began there.
    private let start: UInt64

    /// Reads `handle` backwards from `end` (exclusive) to `start`, which must be the start of a line.
    init(handle: FileHandle, end: UInt64, start: UInt64 = 0) {
        self.handle = handle
        pendingStart = end
        self.start = min(start, end)
    }

    /// Bytes read so far.
    private(set) var bytesRead: UInt64 = 0

    /// The line before the previous one, or `nil` at the start of the file (or at `start`).
    mutating func previous() throws -> (offset: UInt64, text: Substring)? {
        while true {
            var searchEnd = pending.count
            if searchEnd > 0, pending[searchEnd - 1] == UInt8(ascii: "\n") { searchEnd -= 1 }
            if let newline = pending[..<searchEnd].lastIndex(of: UInt8(ascii: "\n")) {
                let line = Array(pending[(newline + 1)..<searchEnd])
                let offset = pendingStart + UInt64(newline + 1)
                pending.removeSubrange((newline + 1)...)
                return (offset, Self.text(line))
            }
            if pendingStart == start {
                guard !pending.isEmpty else { return nil }
                let line = Array(pending[..<searchEnd])
                pending.removeAll()
                return (start, Self.text(line))
            }
            let size = min(UInt64(Self.blockSize), pendingStart - start)
            try handle.seek(toOffset: pendingStart - size)
            let block = try handle.read(upToCount: Int(size)) ?? Data()
            guard block.count == Int(size) else { throw WorkspaceError.storageFailure(path: "log", reason: "the file shrank while it was read") }
            pending = Array(block) + pending
            pendingStart -= size
            bytesRead += size
        }
    }

    private static func text(_ bytes: [UInt8]) -> Substring {
        var line = bytes[...]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        return Substring(String(decoding: line, as: UTF8.self))
    }
}
