import Foundation
import Hummingbird
import NIOCore
import WorkspaceCore

extension Response {
    /// A 200 answer carrying already-encoded JSON.
    static func json(_ bytes: [UInt8]) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(bytes.count)],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A 200 answer with `value` encoded by ``StreamingJSONEncoder``.
    static func json(_ value: some Encodable) throws -> Response {
        .json(try StreamingJSONEncoder().encode(value))
    }

    /// `value` as JSON with `status` (201 for something created, 202 for something begun).
    static func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        var response = try json(value)
        response.status = status
        return response
    }

    /// `value` as JSON with `etag` and `Cache-Control: no-store`: what an editable resource answers.
    static func json(_ value: some Encodable, etag: String, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try json(value)
        response.status = status
        response.headers[.eTag] = etag
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

extension Request {
    /// The body as ordered JSON (member order kept); 400 `invalid_json` when it does not parse.
    func orderedJSON(context: WorkspaceRequestContext) async throws -> OrderedJSON {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        do {
            return try OrderedJSON(parsing: String(buffer: buffer))
        } catch {
            throw APIError(.badRequest, code: "invalid_json", message: "The request body is not valid JSON.")
        }
    }

    /// The body decoded as `type`, refusing (400 `unknown_field`) a top-level field not in `fields`: a typo in a
    /// security setting must not be silently ignored.
    func decode<T: Decodable>(as type: T.Type, context: WorkspaceRequestContext, fields: Set<String>) async throws -> T {
        let data = Data(buffer: try await body.collect(upTo: context.maxUploadSize))
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let unknown = Set(object.keys).subtracting(fields).sorted().first
        {
            throw APIError(
                .badRequest, code: "unknown_field",
                message: "Unknown field \(unknown.prefix(60)); this takes \(fields.sorted().joined(separator: ", ")).")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw APIError(
                .badRequest, code: "invalid_json", message: "The request body is not the JSON this takes: \(fields.sorted().joined(separator: ", "))."
            )
        }
    }

    /// The body decoded as `type`, or `nil` when the request has no body (optional bodies such as a pause reason).
    func decodeIfPresent<T: Decodable>(as type: T.Type, context: WorkspaceRequestContext) async throws -> T? {
        (headers[.contentLength].flatMap(Int.init) ?? 0) > 0 ? try await decode(as: type, context: context) : nil
    }
}
