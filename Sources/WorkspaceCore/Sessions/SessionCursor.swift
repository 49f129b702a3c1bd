import Foundation

/// The position after the last row of a page: its sort value and id. Stable under concurrent inserts because the
/// next page is "rows strictly after this key", never an offset.
public struct SessionCursor: Sendable, Equatable {
    /// The order this cursor belongs to.
    public var sort: SessionQuery.Sort
    /// The last row's sort value.
    public var value: Double
    /// The last row's id (tie-breaker).
    public var id: String

    /// Creates a cursor.
    public init(sort: SessionQuery.Sort, value: Double, id: String) {
        self.sort = sort
        self.value = value
        self.id = id
    }

    private struct Payload: Codable {
        let s: String
        let v: Double
        let i: String
    }

    /// The opaque token handed to clients (base64url of a small JSON object).
    public var token: String {
        let data = (try? JSONEncoder().encode(Payload(s: sort.rawValue, v: value, i: id))) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Parses a token made by ``token``; throws `invalidInput` for anything else or a cursor of another order.
    public init(token: String, expecting sort: SessionQuery.Sort) throws {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard token.count <= 2_048, let data = Data(base64Encoded: base64),
              let payload = try? JSONDecoder().decode(Payload.self, from: data),
              let decodedSort = SessionQuery.Sort(rawValue: payload.s), payload.v.isFinite
        else { throw WorkspaceError.invalidInput("The cursor is not one this server issued.") }
        guard decodedSort == sort else {
            throw WorkspaceError.invalidInput("The cursor belongs to sort=\(decodedSort.rawValue), not sort=\(sort.rawValue).")
        }
        self.init(sort: sort, value: payload.v, id: payload.i)
    }
}
