import Hummingbird
import WorkspaceCore

/// Encodes handler results as JSON with ``StreamingJSONEncoder`` (members in declaration order, ISO-8601 dates).
struct WorkspaceResponseEncoder: ResponseEncoder {
    /// Creates the encoder.
    init() {}

    /// The JSON response for `value`.
    func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        try .json(value)
    }
}
