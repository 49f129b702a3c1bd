import Hummingbird
import NIOCore
import WorkspaceCore

extension Response {
    /// A 200 answer carrying already-encoded JSON.
    static func json(_ bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(bytes.count)],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A 200 answer with `value` encoded by ``StreamingJSONEncoder``.
    static func json(_ value: some Encodable) throws -> Response {
        .json(try StreamingJSONEncoder().encode(value))
    }
}
