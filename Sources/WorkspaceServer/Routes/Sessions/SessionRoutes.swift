import Foundation
import Hummingbird
import WorkspaceCore

/// The Sessions tab: `/sessions…`, read-only apart from deletion.
struct SessionRoutes {
    let scope: ProfileScope

    func addRoutes(to group: SecuredRoutes) {
        group.get("sessions", .read) { request, _ -> Response in
            let home = try scope(request)
            let values = QueryValues(request)
            let zone = home.timeZone.current
            let query = try SessionQuery(values, timeZone: zone)
            let includeTotal = try values.bool("total") ?? false
            // Pages carry the time-based "active" flag, so a cached page lives one second at most.
            return try await home.sessionAnswers.jsonResponse(for: "list|\(zone.identifier)|\(request.uri.query ?? "")", lifetime: 1) {
                try await home.sessions.pageJSON(query, includeTotal: includeTotal)
            }
        }
        group.get("sessions/stats", .read) { request, _ in
            let home = try scope(request)
            return try await home.sessionAnswers.response(for: "stats") { try await home.sessions.stats() }
        }
        group.get("sessions/search", .read) { request, _ -> Response in
            let home = try scope(request)
            let values = QueryValues(request)
            let query = try Self.searchQuery(values)
            let cursor = try values.string("cursor").map { text -> Int64 in
                guard let value = Int64(text), value > 0 else { throw QueryValues.invalid("cursor", "is not valid") }
                return value
            }
            let order: SessionSearch.Order = try values.choice("order", default: .newest)
            let limit = try values.int("limit", in: 1...50, default: 20)
            let visibility: TranscriptVisibility = try values.choice("visibility", default: .history)
            // Kept while state.db is unchanged (and a second at most: the groups carry the "active" flag).
            let key = "search|\(query.mode.rawValue)|\(order.rawValue)|\(limit)|\(cursor ?? 0)|\(visibility.rawValue)|\(query.expression)"
            return try await home.sessionAnswers.response(for: key, lifetime: 1) {
                try await home.search.search(query, order: order, limit: limit, cursor: cursor, visibility: visibility)
            }
        }
        group.post("sessions/delete", .admin) { request, context -> Response in
            let home = try scope(request)
            let body = try await request.decode(as: BulkDeleteRequest.self, context: context)
            return try await bulkDelete(body, home: home, context: context)
        }
        group.post("sessions/import", .admin) { request, context -> SessionImporter.Report in
            let home = try scope(request)
            let dryRun = try QueryValues(request).bool("dryRun") ?? true
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            return try await home.importer.importSessions(Data(buffer: buffer), dryRun: dryRun, actor: context.auditActor)
        }
        group.get("sessions/:id", .read) { request, context in
            let home = try scope(request)
            let id = try context.parameters.require("id")
            return try await home.sessionAnswers.response(for: "detail|\(id)", lifetime: 1) { try await home.sessions.detail(id: id) }
        }
        group.get("sessions/:id/messages", .read) { request, context -> Response in
            let home = try scope(request)
            let values = QueryValues(request)
            // Pages with `cursor` like every list; `after`, its old name, still works until 0.3.
            let after =
                try values.deprecatedAlias("cursor", old: "after").map { text -> Int64 in
                    guard let value = Int64(text), value >= 0 else { throw QueryValues.invalid("cursor", "must be a message id") }
                    return value
                } ?? 0
            let id = try context.parameters.require("id")
            let limit = try values.int("limit", in: 1...500, default: 200)
            let visibility: TranscriptVisibility = try values.choice("visibility", default: .live)
            // Kept while state.db is unchanged: a page of messages holds nothing that depends on the clock.
            return try await home.sessionAnswers.response(for: "messages|\(id)|\(after)|\(limit)|\(visibility.rawValue)") {
                try await home.sessions.transcript(id: id, after: after, limit: limit, visibility: visibility)
            }
        }
        group.get("sessions/:id/export", .read) { request, context -> Response in
            let home = try scope(request)
            let values = QueryValues(request)
            let format: ExportFormat = try values.choice("format", default: .json)
            let visibility: TranscriptVisibility = try values.choice("visibility", default: .live)
            // Looked up first, so a missing session is a 404 before any byte of the download is sent.
            let detail = try await home.sessions.detail(id: try context.parameters.require("id"))
            let name = SessionExporter.fileName(id: detail.conversation.id, format: format)
            return Response(
                status: .ok,
                headers: [
                    .contentType: format.mediaType, .contentDisposition: "attachment; filename=\"\(name)\"",
                    .cacheControl: "no-store",
                ],
                body: ResponseBody { writer in
                    try await home.exporter.export(detail, format: format, visibility: visibility) { chunk in
                        try await writer.write(ByteBuffer(string: chunk))
                    }
                    try await writer.finish(nil)
                })
        }
        // Rename and archive, with the agent's rules (see SessionEditor); answers the conversation as it is now.
        group.patch("sessions/:id", .admin) { request, context -> Response in
            let home = try scope(request)
            let id = try context.parameters.require("id")
            let body = try await request.decode(as: SessionPatch.self, context: context)
            guard body.title != nil || body.archived != nil else {
                throw WorkspaceError.invalidInput("Send a title (empty clears it), archived, or both.")
            }
            if let title = body.title { try await home.sessionEditor.rename(id, to: title, actor: context.auditActor) }
            if let archived = body.archived { try await home.sessionEditor.setArchived(id, archived, actor: context.auditActor) }
            return try Response.json(try await home.sessions.detail(id: id))
        }
        group.delete("sessions/:id", .admin) { request, context -> DeletionReport in
            let home = try scope(request)
            let id = try context.parameters.require("id")
            let report = try await home.deleter.delete(ids: [id], actor: context.auditActor)
            if let refusal = report.refused.first {
                throw refusal.reason == .active
                    ? APIError(
                        .conflict, code: "session_active",
                        message: "Session \(id) is live (a message arrived in the last five minutes); it was not deleted.")
                    : APIError(.notFound, code: "not_found", message: "Session \(id) was not found.")
            }
            return report
        }
    }

    private func bulkDelete(_ body: BulkDeleteRequest, home: HomeServices, context: WorkspaceRequestContext) async throws -> Response {
        switch (body.ids, body.filter) {
        case (let ids?, nil):
            guard !ids.isEmpty, ids.count <= 500 else {
                throw APIError(.badRequest, code: "invalid_input", message: "`ids` must hold 1 to 500 session ids.")
            }
            if body.dryRun == true {
                throw APIError(.badRequest, code: "invalid_input", message: "`dryRun` applies to a `filter`; ids are deleted as listed.")
            }
            return try .json(try await home.deleter.delete(ids: ids, actor: context.auditActor))
        case (nil, let filter?):
            let query = try filter.query(timeZone: home.timeZone.current)
            if body.dryRun ?? true {
                return try .json(try await home.deleter.preview(query))
            }
            return try .json(try await home.deleter.delete(matching: query, actor: context.auditActor))
        default:
            throw APIError(.badRequest, code: "invalid_input", message: "Send exactly one of `ids` or `filter`.")
        }
    }

}

extension SessionRoutes {
    /// The search `q` and `mode` describe (a 400 `invalid_search` naming `q` when it is not one); `/sessions/search`
    /// and `/machine/sessions/search` read it alike.
    static func searchQuery(_ values: QueryValues) throws -> SearchQuery {
        guard let text = try values.string("q", maximumLength: 10_240) else { throw QueryValues.invalid("q", "is required") }
        do {
            return try SearchQuery(text, mode: try values.choice("mode", default: .auto))
        } catch let error as WorkspaceError {
            throw APIError(.badRequest, code: "invalid_search", message: error.description, details: ["parameter": "q"])
        }
    }
}

extension TranscriptPage: ResponseEncodable {}
extension SearchResults: ResponseEncodable {}
extension DeletionReport: ResponseEncodable {}

extension ExportFormat {
    /// The media type of a download in this format.
    var mediaType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .jsonl: "application/x-ndjson; charset=utf-8"
        case .markdown: "text/markdown; charset=utf-8"
        }
    }
}

/// `PATCH /sessions/{id}`: a new title (empty clears it) and/or archived.
struct SessionPatch: Decodable {
    var title: String?
    var archived: Bool?
}

extension SessionImporter.Report: ResponseEncodable {}
