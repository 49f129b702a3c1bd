import Hummingbird
import WorkspaceCore

/// Encodes handler results as JSON with ``StreamingJSONEncoder`` (members in declaration order, ISO-8601 dates).
public struct WorkspaceResponseEncoder: ResponseEncoder {
    /// Creates the encoder.
    public init() {}

    /// The JSON response for `value`.
    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        try .json(value)
    }
}
