import Foundation
import Hummingbird
import NIOCore
import WorkspaceCore

/// A file answered as a download, streamed in 64 KiB pieces read off the concurrency pool, so a file of any size
/// costs one piece of memory.
enum FileDownload {
    static func response(for url: URL, name: String, contentType: String) throws -> Response {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw WorkspaceError.notFound(what: name) }
        let size = (try? handle.seekToEnd()) ?? 0
        try handle.seek(toOffset: 0)
        let safeName = name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        return Response(
            status: .ok,
            headers: [
                .contentType: contentType, .contentLength: String(size), .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"\(safeName)\"",
            ],
            body: ResponseBody { writer in
                defer { try? handle.close() }
                while true {
                    let piece = try await offloaded { try handle.read(upToCount: 1 << 16) ?? Data() }
                    if piece.isEmpty { break }
                    try await writer.write(ByteBuffer(bytes: piece))
                }
                try await writer.finish(nil)
            })
    }
}
