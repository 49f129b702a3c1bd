import Foundation

/// Encodes `Encodable` values straight into JSON bytes, members in declaration order, without the intermediate
/// tree, key hashing and sorting of Foundation's `JSONEncoder` (which dominated the cost of large list responses).
///
/// Output conventions match the API's: `nil` optionals are left out, dates are ISO-8601 in UTC with whole
/// seconds, slashes are not escaped, non-ASCII text is written as UTF-8, non-finite numbers are an error.
public struct StreamingJSONEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// The JSON text of `value` as UTF-8 bytes.
    public func encode(_ value: some Encodable) throws -> [UInt8] {
        let sink = Sink()
        try sink.write(value, codingPath: [])
        return sink.bytes
    }
}

/// The growing output; nested containers write into the same buffer in order.
private final class Sink {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4_096) }

    func write<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws {
        if let date = value as? Date {
            writeDate(date)
            return
        }
        let encoder = ValueEncoder(sink: self, codingPath: codingPath)
        try value.encode(to: encoder)
        encoder.finish()
    }

    func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    func writeRaw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    func writeDouble(_ value: Double, codingPath: [any CodingKey]) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "JSON has no \(value)."))
        }
        if value == value.rounded(), abs(value) < 1e15 {
            writeRaw(String(Int64(value)))
        } else {
            writeRaw(value.description)
        }
    }

    func writeDate(_ date: Date) {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = Int(parts.tm_year) + 1900
        writeRaw("\"\(year)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z\"")
    }
}

/// The encoder handed to one value; it opens at most one container and closes it in `finish()`.
private final class ValueEncoder: Encoder {
    let sink: Sink
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any] = [:]
    private var closer: UInt8?
    /// Members written so far in the open container (for commas).
    var count = 0

    init(sink: Sink, codingPath: [any CodingKey]) {
        self.sink = sink
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        open(UInt8(ascii: "{"), UInt8(ascii: "}"))
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        open(UInt8(ascii: "["), UInt8(ascii: "]"))
        return UnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(encoder: self) }

    private func open(_ opener: UInt8, _ closer: UInt8) {
        guard self.closer == nil else { return }
        sink.bytes.append(opener)
        self.closer = closer
    }

    func separator() {
        if count > 0 { sink.bytes.append(UInt8(ascii: ",")) }
        count += 1
    }

    func finish() {
        if let closer { sink.bytes.append(closer) }
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func key(_ key: Key) {
        encoder.separator()
        encoder.sink.writeString(key.stringValue)
        encoder.sink.bytes.append(UInt8(ascii: ":"))
    }

    mutating func encodeNil(forKey key: Key) throws { self.key(key); encoder.sink.writeRaw("null") }
    mutating func encode(_ value: Bool, forKey key: Key) throws { self.key(key); encoder.sink.writeRaw(value ? "true" : "false") }
    mutating func encode(_ value: String, forKey key: Key) throws { self.key(key); encoder.sink.writeString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { self.key(key); try encoder.sink.writeDouble(value, codingPath: codingPath + [key]) }
    mutating func encode(_ value: Float, forKey key: Key) throws { self.key(key); try encoder.sink.writeDouble(Double(value), codingPath: codingPath + [key]) }
    mutating func encode(_ value: Int, forKey key: Key) throws { self.key(key); encoder.sink.writeRaw(String(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { self.key(key); encoder.sink.writeRaw(String(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.key(key)
        try encoder.sink.write(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("StreamingJSONEncoder does not support nested containers; encode a value instead.")
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        preconditionFailure("StreamingJSONEncoder does not support nested containers; encode a value instead.")
    }

    mutating func superEncoder() -> any Encoder { preconditionFailure("StreamingJSONEncoder does not support superEncoder.") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("StreamingJSONEncoder does not support superEncoder.") }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.count }

    mutating func encodeNil() throws { encoder.separator(); encoder.sink.writeRaw("null") }
    mutating func encode(_ value: Bool) throws { encoder.separator(); encoder.sink.writeRaw(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { encoder.separator(); encoder.sink.writeString(value) }
    mutating func encode(_ value: Double) throws { encoder.separator(); try encoder.sink.writeDouble(value, codingPath: codingPath) }
    mutating func encode(_ value: Int) throws { encoder.separator(); encoder.sink.writeRaw(String(value)) }
    mutating func encode(_ value: Int64) throws { encoder.separator(); encoder.sink.writeRaw(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.separator()
        try encoder.sink.write(value, codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("StreamingJSONEncoder does not support nested containers; encode a value instead.")
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("StreamingJSONEncoder does not support nested containers; encode a value instead.")
    }

    mutating func superEncoder() -> any Encoder { preconditionFailure("StreamingJSONEncoder does not support superEncoder.") }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.sink.writeRaw("null") }
    mutating func encode(_ value: Bool) throws { encoder.sink.writeRaw(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { encoder.sink.writeString(value) }
    mutating func encode(_ value: Double) throws { try encoder.sink.writeDouble(value, codingPath: codingPath) }
    mutating func encode(_ value: Float) throws { try encoder.sink.writeDouble(Double(value), codingPath: codingPath) }
    mutating func encode(_ value: Int) throws { encoder.sink.writeRaw(String(value)) }
    mutating func encode(_ value: Int64) throws { encoder.sink.writeRaw(String(value)) }
    mutating func encode(_ value: Int8) throws { encoder.sink.writeRaw(String(value)) }
    mutating func encode(_ value: Int16) throws { encoder.sink.writeRaw(String(value)) }
    mutating func encode(_ value: Int32) throws { encoder.sink.writeRaw(String(value)) }
    mutating func encode(_ value: UInt) throws { encoder.sink.writeRaw(String(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.sink.writeRaw(String(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.sink.writeRaw(String(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.sink.writeRaw(String(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.sink.writeRaw(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.sink.write(value, codingPath: codingPath) }
}
