import Foundation
import NIOCore

/// A response body parsed as JSON, for reading a few fields in tests.
struct JSONBody {
    let value: Any

    init(_ buffer: ByteBuffer) throws {
        value = try JSONSerialization.jsonObject(with: Data(buffer: buffer), options: [.fragmentsAllowed])
    }

    subscript(_ key: String) -> JSONBody? {
        guard let object = value as? [String: Any], let inner = object[key] else { return nil }
        return JSONBody(raw: inner)
    }

    subscript(_ index: Int) -> JSONBody? {
        guard let array = value as? [Any], array.indices.contains(index) else { return nil }
        return JSONBody(raw: array[index])
    }

    private init(raw: Any) { value = raw }

    var string: String? { value as? String }
    var int: Int? { value as? Int }
    var bool: Bool? { value as? Bool }
    var double: Double? { value as? Double }
    var array: [JSONBody] { (value as? [Any])?.map(JSONBody.init(raw:)) ?? [] }
    var count: Int { (value as? [Any])?.count ?? 0 }
}
