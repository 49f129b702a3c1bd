import Hummingbird
import WorkspaceCore

extension Request {
    /// The revision a write is based on, from `If-Match`: `*`, or a comma-separated list of entity tags (weak ones,
    /// `W/"…"`, compare by their tag); `nil` when the header is absent or empty.
    var expectedRevision: ExpectedRevision? {
        guard let header = headers[.ifMatch]?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if header == "*" { return .any }
        let tags = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { $0.hasPrefix("W/") ? String($0.dropFirst(2)) : $0 }
        return .oneOf(tags.map(Revision.init(tag:)))
    }
}
