import Foundation

extension Data {
    /// These bytes without a UTF-8 character cut in half at the end (its continuation bytes, then its lead byte),
    /// for text read only up to a byte limit.
    func droppingPartialUTF8Tail() -> Data {
        var cut = self
        while let last = cut.last, last & 0xC0 == 0x80 { cut.removeLast() }
        if let last = cut.last, last & 0x80 != 0 { cut.removeLast() }
        return cut
    }
}
