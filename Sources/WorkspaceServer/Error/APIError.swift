import Foundation
import Hummingbird

/// An error answered as the JSON envelope `{"error":{"code","message","details"}}`.
struct APIError: Error, HTTPResponseError, Sendable {
    /// HTTP status.
    var status: HTTPResponse.Status
    /// Stable snake_case code for scripts.
    var code: String
    /// A sentence for people.
    var message: String
    /// Extra structured facts (never secrets).
    var details: [String: String]?
    /// Headers to add (e.g. `WWW-Authenticate`).
    var headers: HTTPFields

    /// Creates an error.
    init(_ status: HTTPResponse.Status, code: String, message: String, details: [String: String]? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    private struct Envelope: Encodable {
        struct Body: Encodable {
            let code: String
            let message: String
            let details: [String: String]?
        }

        let error: Body
    }

    /// Renders the envelope.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = try encoder.encode(Envelope(error: .init(code: code, message: message, details: details)))
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8", .contentLength: String(data.count)]
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
