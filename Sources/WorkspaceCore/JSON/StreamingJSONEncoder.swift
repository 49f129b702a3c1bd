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

/// A type that writes its own JSON, for the few hot response types where `Encodable`'s generic machinery costs
/// more than the database work. Its output must decode to the same value as its `Encodable` form (tests check).
protocol DirectJSONWritable {
    func writeJSON(to writer: JSONWriter)
}

/// The writing primitives ``DirectJSONWritable`` types use. Member names are static text, so each is copied as
/// bytes together with its quotes and colon.
struct JSONWriter {
    fileprivate let sink: Sink
    private var count = 0

    fileprivate init(sink: Sink) { self.sink = sink }

    /// Writes `{`, the members `body` adds, then `}`.
    static func object(_ sink: JSONWriter, _ body: (inout JSONWriter) -> Void) {
        var writer = JSONWriter(sink: sink.sink)
        sink.sink.bytes.append(UInt8(ascii: "{"))
        body(&writer)
        sink.sink.bytes.append(UInt8(ascii: "}"))
    }

    private mutating func key(_ name: StaticString) {
        if count > 0 { sink.bytes.append(UInt8(ascii: ",")) }
        count += 1
        sink.bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { sink.bytes.append(contentsOf: $0) }
        sink.bytes.append(UInt8(ascii: "\""))
        sink.bytes.append(UInt8(ascii: ":"))
    }

    mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        sink.writeString(value)
    }

    mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        sink.writeInteger(value)
    }

    mutating func member(_ name: StaticString, _ value: Double?) {
        guard let value, value.isFinite else { return }
        key(name)
        try? sink.writeDouble(value, codingPath: [])
    }

    mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        sink.writeRaw(value ? "true" : "false")
    }

    mutating func member(_ name: StaticString, _ value: Date?) {
        guard let value else { return }
        key(name)
        sink.writeDate(value)
    }

    mutating func member(_ name: StaticString, strings: [String]) {
        array(name, strings, sink.writeString)
    }

    /// `name` with an array whose elements `write` writes.
    private mutating func array<Element>(_ name: StaticString, _ elements: [Element], _ write: (Element) -> Void) {
        key(name)
        sink.bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { sink.bytes.append(UInt8(ascii: ",")) }
            write(element)
        }
        sink.bytes.append(UInt8(ascii: "]"))
    }

    mutating func member(_ name: StaticString, _ value: some DirectJSONWritable) {
        key(name)
        value.writeJSON(to: JSONWriter(sink: sink))
    }

    mutating func member(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        member(name, value)
    }

    /// Text given as UTF-8 bytes (a database column's), read as `String(cString:)` reads them: up to the first NUL,
    /// invalid sequences replaced.
    mutating func member(_ name: StaticString, utf8 text: UnsafeBufferPointer<UInt8>?) {
        guard let text else { return }
        key(name)
        sink.writeText(text)
    }

    /// An array of texts given as UTF-8 bytes (see ``member(_:utf8:)``).
    mutating func member(_ name: StaticString, utf8Strings texts: [UnsafeBufferPointer<UInt8>]) {
        array(name, texts, sink.writeText)
    }

    /// An array of `elements`, each already JSON.
    mutating func member(_ name: StaticString, elements: [[UInt8]]) {
        let sink = sink
        array(name, elements) { sink.bytes.append(contentsOf: $0) }
    }

    /// The JSON object whose members `body` writes, in a buffer that starts at `capacity` bytes (a row's object is
    /// well under a kilobyte; twenty of them need not take 4 KiB each).
    static func document(capacity: Int = 4_096, _ body: (inout JSONWriter) throws -> Void) rethrows -> [UInt8] {
        let sink = Sink(capacity: capacity)
        var writer = JSONWriter(sink: sink)
        sink.bytes.append(UInt8(ascii: "{"))
        try body(&writer)
        sink.bytes.append(UInt8(ascii: "}"))
        return sink.bytes
    }

    /// The JSON of `value` alone.
    static func bytes(of value: some DirectJSONWritable, capacity: Int = 1_024) -> [UInt8] {
        let sink = Sink(capacity: capacity)
        value.writeJSON(to: JSONWriter(sink: sink))
        return sink.bytes
    }
}

/// The growing output; nested containers write into the same buffer in order.
private final class Sink {
    /// Only ever touched by the one encoding that owns this sink, so the per-append exclusivity check (a tenth of
    /// the time of a session page's encoding) is left out.
    @exclusivity(unchecked) var bytes: [UInt8] = []

    init(capacity: Int = 4_096) { bytes.reserveCapacity(capacity) }

    func write<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws {
        if let date = value as? Date {
            writeDate(date)
            return
        }
        if let direct = value as? any DirectJSONWritable {
            direct.writeJSON(to: JSONWriter(sink: self))
            return
        }
        let encoder = ValueEncoder(sink: self, codingPath: codingPath)
        try value.encode(to: encoder)
        encoder.finish()
    }

    /// `string` quoted and escaped; text with nothing to escape (nearly all) is copied in one piece.
    func writeString(_ string: String) {
        let copied = string.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard !utf8.contains(where: Self.needsEscaping) else { return false }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if copied != true { writeEscaped(string.utf8) }
    }

    /// UTF-8 bytes up to the first NUL, as `String(cString:)` would read them; plain ASCII is copied as it is.
    func writeText(_ text: UnsafeBufferPointer<UInt8>) {
        let end = text.firstIndex(of: 0) ?? text.endIndex
        let text = UnsafeBufferPointer(rebasing: text[..<end])
        guard !text.contains(where: { $0 >= 0x80 || Self.needsEscaping($0) }) else {
            writeString(String(decoding: text, as: UTF8.self))
            return
        }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: text)
        bytes.append(UInt8(ascii: "\""))
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private func writeEscaped(_ utf8: String.UTF8View) {
        bytes.append(UInt8(ascii: "\""))
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                ])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    func writeRaw(_ text: StaticString) { text.withUTF8Buffer { bytes.append(contentsOf: $0) } }

    /// The decimal digits of `value`, written in place (no `String` in between).
    func writeInteger<T: FixedWidthInteger>(_ value: T) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = UInt64(value.magnitude)
        guard magnitude >= 10 else {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            while magnitude > 0 {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    func writeDouble(_ value: Double, codingPath: [any CodingKey]) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "JSON has no \(value)."))
        }
        if value == value.rounded(), abs(value) < 1e15 {
            writeInteger(Int64(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// `date` as `"YYYY-MM-DDTHH:MM:SSZ"` (UTC, whole seconds), computed from the epoch seconds: no `gmtime_r` (which
    /// takes glibc's time-zone lock) and no allocation.
    func writeDate(_ date: Date) {
        let (year, month, day, seconds) = Self.civil(date)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 22) { text in
            func put(_ value: Int, digits: Int, at end: Int) {
                var value = value
                for index in stride(from: end - 1, through: end - digits, by: -1) {
                    text[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            for (index, mark) in [(0, "\""), (5, "-"), (8, "-"), (11, "T"), (14, ":"), (17, ":"), (20, "Z"), (21, "\"")] as [(Int, Unicode.Scalar)] {
                text[index] = UInt8(ascii: mark)
            }
            put(year, digits: 4, at: 5)
            put(month, digits: 2, at: 8)
            put(day, digits: 2, at: 11)
            put(seconds / 3600, digits: 2, at: 14)
            put(seconds / 60 % 60, digits: 2, at: 17)
            put(seconds % 60, digits: 2, at: 20)
            bytes.append(contentsOf: UnsafeBufferPointer(text))
        }
    }

    /// The UTC calendar date and second of the day of `date` (Howard Hinnant's `civil_from_days`), for years 0…9999.
    static func civil(_ date: Date) -> (year: Int, month: Int, day: Int, seconds: Int) {
        let total = Int(floor(min(max(date.timeIntervalSince1970, -62_167_219_200), 253_402_300_799)))
        var days = total / 86_400
        var seconds = total % 86_400
        if seconds < 0 {
            seconds += 86_400
            days -= 1
        }
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day, seconds)
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

    mutating func encodeNil(forKey key: Key) throws {
        self.key(key)
        encoder.sink.writeRaw("null")
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        self.key(key)
        encoder.sink.writeRaw(value ? "true" : "false")
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        self.key(key)
        encoder.sink.writeString(value)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        self.key(key)
        try encoder.sink.writeDouble(value, codingPath: codingPath + [key])
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        self.key(key)
        try encoder.sink.writeDouble(Double(value), codingPath: codingPath + [key])
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        self.key(key)
        encoder.sink.writeInteger(value)
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        self.key(key)
        encoder.sink.writeInteger(value)
    }
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

    mutating func encodeNil() throws {
        encoder.separator()
        encoder.sink.writeRaw("null")
    }
    mutating func encode(_ value: Bool) throws {
        encoder.separator()
        encoder.sink.writeRaw(value ? "true" : "false")
    }
    mutating func encode(_ value: String) throws {
        encoder.separator()
        encoder.sink.writeString(value)
    }
    mutating func encode(_ value: Double) throws {
        encoder.separator()
        try encoder.sink.writeDouble(value, codingPath: codingPath)
    }
    mutating func encode(_ value: Int) throws {
        encoder.separator()
        encoder.sink.writeInteger(value)
    }
    mutating func encode(_ value: Int64) throws {
        encoder.separator()
        encoder.sink.writeInteger(value)
    }
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
    mutating func encode(_ value: Int) throws { encoder.sink.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { encoder.sink.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { encoder.sink.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { encoder.sink.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { encoder.sink.writeInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.sink.write(value, codingPath: codingPath) }
}
