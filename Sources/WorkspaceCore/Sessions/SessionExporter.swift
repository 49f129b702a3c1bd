import Foundation

/// Streams a whole conversation out a batch of messages at a time, so memory stays flat however long it is and no
/// read transaction outlives one batch.
public struct SessionExporter: Sendable {
    private let store: SessionStore
    private static let batchSize = 500

    /// Exports through `store`.
    public init(store: SessionStore) {
        self.store = store
    }

    /// A download file name for the conversation `id`.
    public static func fileName(id: String, format: ExportFormat) -> String {
        let safe = String(
            id.unicodeScalars.map { scalar -> Character in
                CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || "-_.".unicodeScalars.contains(scalar) ? Character(scalar) : "_"
            })
        return "session-\(safe.prefix(120)).\(format.fileExtension)"
    }

    /// Writes `detail`'s conversation in `format` through `write`, chunk by chunk.
    public func export(
        _ detail: SessionDetail, format: ExportFormat, visibility: TranscriptVisibility = .live,
        write: (String) async throws -> Void
    ) async throws {
        let encoder = StreamingJSONEncoder()
        func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }

        switch format {
        case .json: try await write("{\"conversation\":\(try json(detail)),\"messages\":[")
        case .jsonl: try await write(try json(detail) + "\n")
        case .markdown: try await write(MarkdownTranscript.header(detail))
        }
        var after: Int64 = 0
        var first = true
        while true {
            let page = try await store.transcript(
                id: detail.conversation.id, after: after, limit: Self.batchSize, visibility: visibility, wholeContent: true)
            var chunk = ""
            for message in page.items {
                switch format {
                case .json: chunk += (first ? "" : ",") + (try json(message))
                case .jsonl: chunk += try json(message) + "\n"
                case .markdown: chunk += MarkdownTranscript.message(message)
                }
                first = false
            }
            if !chunk.isEmpty { try await write(chunk) }
            guard let next = page.nextCursor, let nextID = Int64(next) else { break }
            after = nextID
        }
        if format == .json { try await write("]}\n") }
    }
}
