#if canImport(Glibc)
import Glibc
#endif

/// glibc gives every thread that allocates its own malloc arena (up to 8 per core), and each keeps freed memory
/// around; a server whose work hops between Swift's cooperative threads, NIO's event loops and SQLite's reader
/// queues ends up holding tens of megabytes it does not use. Two arenas keep the footprint flat.
enum MallocArenas {
    /// `M_ARENA_MAX` from glibc's `<malloc.h>`, which Swift's Glibc module does not import.
    private static let arenaMaximumOption: Int32 = -8

    static func limit() {
        #if canImport(Glibc)
        typealias MallocOption = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MallocOption.self)(arenaMaximumOption, 2)
        #endif
    }
}
