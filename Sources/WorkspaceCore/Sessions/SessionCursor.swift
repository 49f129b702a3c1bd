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

    /// The opaque token handed to clients: base64url of `sort`, the value's exact bit pattern and the id.
    public var token: String {
        let plain = "\(sort.rawValue):\(String(value.bitPattern, radix: 16)):\(id)"
        // One pass over the base64 bytes (Foundation's replacingOccurrences, three times, cost more than the query).
        var token: [UInt8] = []
        for byte in Data(plain.utf8).base64EncodedData() where byte != UInt8(ascii: "=") {
            switch byte {
            case UInt8(ascii: "+"): token.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): token.append(UInt8(ascii: "_"))
            default: token.append(byte)
            }
        }
        return String(decoding: token, as: UTF8.self)
    }

    /// Parses a token made by ``token``; throws `invalidInput` for anything else or a cursor of another order.
    public init(token: String, expecting sort: SessionQuery.Sort) throws {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let invalid = WorkspaceError.invalidInput("The cursor is not one this server issued.")
        guard token.count <= 2_048, let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else { throw invalid }
        let parts = plain.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let decodedSort = SessionQuery.Sort(rawValue: String(parts[0])),
            let bits = UInt64(parts[1], radix: 16), Double(bitPattern: bits).isFinite, !parts[2].isEmpty
        else { throw invalid }
        guard decodedSort == sort else {
            throw WorkspaceError.invalidInput("The cursor belongs to sort=\(decodedSort.rawValue), not sort=\(sort.rawValue).")
        }
        self.init(sort: sort, value: Double(bitPattern: bits), id: String(parts[2]))
    }
}
