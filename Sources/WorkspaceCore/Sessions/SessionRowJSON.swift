import Foundation
import GRDB
import GRDBSQLite

/// The JSON of a one-segment conversation written straight from its row of a page statement (the columns of
/// ``SessionColumns/select(_:alias:)``, then kind, newest message, children and preview content): the same
/// bytes ``SessionSummary``'s own writer gives for it, without a record, a summary or a `String` per column. A
/// compression chain sums several rows and still goes through ``SessionSummary``.
enum SessionRowJSON {
    /// Whether the row the statement stands on ended in compression (its conversation continues in other rows).
    static func continues(_ statement: SQLiteStatement) -> Bool {
        guard let reason = text(statement, 6) else { return false }
        return reason.elementsEqual("compression".utf8)
    }

    /// The summary JSON of the row `statement` stands on, as ``SessionSummary/writeJSON(to:)`` writes it.
    static func write(_ statement: SQLiteStatement, now: Date) -> [UInt8] {
        let count = Int32(SessionColumns.count)
        let startedAt = Date(timeIntervalSince1970: double(statement, 4) ?? 0)
        let endedAt = double(statement, 5).map(Date.init(timeIntervalSince1970:))
        let lastActiveAt = double(statement, count + 1).map(Date.init(timeIntervalSince1970:)) ?? startedAt
        let title = text(statement, 2)
        let tokens = TokenCounts(
            input: .counter(int(statement, 10)), output: .counter(int(statement, 11)), cacheRead: .counter(int(statement, 12)),
            cacheWrite: .counter(int(statement, 13)), reasoning: .counter(int(statement, 14)))
        let cost = CostFigures(
            estimatedUSD: double(statement, 15) ?? 0, actualUSD: double(statement, 16), status: string(statement, 17))
        return JSONWriter.document(capacity: 1_024) { json in
            // An id of NULL (SQLite allows one in a TEXT key) is written empty rather than trusted anywhere.
            json.member("id", utf8: text(statement, 0) ?? empty)
            json.member("kind", (string(statement, count).flatMap(SessionKind.init(rawValue:)) ?? .child).rawValue)
            json.member("segmentIDs", utf8Strings: [text(statement, 0) ?? empty])
            json.member("title", utf8: title)
            if title == nil {
                json.member("preview", ConversationLookup.previewText(blob(statement, count + 3)))
            }
            if let platform = text(statement, 1) {
                json.member("platform", utf8: platform)
            } else {
                json.member("platform", "unknown")
            }
            json.member("model", utf8: text(statement, 3))
            json.member("provider", utf8: text(statement, 18))
            json.member("startedAt", startedAt)
            json.member("endedAt", endedAt)
            json.member("lastActiveAt", lastActiveAt)
            json.member("endReason", utf8: text(statement, 6))
            json.member("isOpen", endedAt == nil)
            json.member("isActive", endedAt == nil && now.timeIntervalSince(lastActiveAt) < SessionSummary.activeWindow)
            json.member("messageCount", .counter(int(statement, 7)))
            json.member("toolCallCount", .counter(int(statement, 8)))
            json.member("apiCallCount", .counter(int(statement, 9)))
            json.member("tokens", tokens)
            json.member("cost", cost)
            json.member("parentID", utf8: text(statement, 19))
            json.member("childCount", int(statement, count + 2) ?? 0)
            json.member("profile", utf8: text(statement, 20))
            json.member("archived", (int(statement, 21) ?? 0) != 0)
        }
    }

    private static var empty: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: nil, count: 0) }

    /// The column as GRDB reads a `String` (`String(cString:)` of SQLite's text); nil for NULL.
    private static func string(_ statement: SQLiteStatement, _ index: Int32) -> String? {
        guard sqlite3_column_type(statement, index) != SQLITE_NULL, let text = sqlite3_column_text(statement, index) else { return nil }
        return String(cString: text)
    }

    /// The column's text as SQLite gives it (numbers converted), valid until the statement moves; nil for NULL.
    private static func text(_ statement: SQLiteStatement, _ index: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard sqlite3_column_type(statement, index) != SQLITE_NULL, let text = sqlite3_column_text(statement, index) else { return nil }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, index)))
    }

    private static func blob(_ statement: SQLiteStatement, _ index: Int32) -> Data? {
        guard sqlite3_column_type(statement, index) != SQLITE_NULL else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        guard let bytes = sqlite3_column_blob(statement, index) else { return Data() }
        return Data(bytes: bytes, count: count)
    }

    private static func int(_ statement: SQLiteStatement, _ index: Int32) -> Int? {
        sqlite3_column_type(statement, index) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(statement, index))
    }

    private static func double(_ statement: SQLiteStatement, _ index: Int32) -> Double? {
        sqlite3_column_type(statement, index) == SQLITE_NULL ? nil : sqlite3_column_double(statement, index)
    }
}
