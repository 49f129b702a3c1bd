import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads `HostStats` from `/proc`, `uname` and `statvfs` — no subprocesses, no network.
public struct HostStatsReader: Sendable {
    private let procRoot: String

    /// Creates a reader over `procRoot` (normally `/proc`).
    public init(procRoot: String = "/proc") {
        self.procRoot = procRoot
    }

    /// Measures the host, with the disk figures taken for the filesystem holding `diskPath`.
    public func read(diskPath: String) -> HostStats {
        var names = utsname()
        uname(&names)
        return HostStats(
            hostname: ProcessInfo.processInfo.hostName,
            operatingSystem: "\(Self.string(from: names.sysname)) \(Self.string(from: names.release))",
            architecture: Self.string(from: names.machine),
            cpuCount: ProcessInfo.processInfo.activeProcessorCount,
            loadAverage: loadAverage(),
            uptimeSeconds: firstNumber(in: "\(procRoot)/uptime"),
            memory: memory(),
            disk: disk(at: diskPath),
            process: process())
    }

    private func loadAverage() -> [Double] {
        var values = [Double](repeating: 0, count: 3)
        let count = getloadavg(&values, 3)
        return count == 3 ? values.map { ($0 * 100).rounded() / 100 } : []
    }

    private func firstNumber(in path: String) -> Double? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }

    private func memory() -> HostStats.Memory? {
        guard let text = try? String(contentsOfFile: "\(procRoot)/meminfo", encoding: .utf8) else { return nil }
        var fields: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let kilobytes = UInt64(parts[1].split(separator: " ").first ?? "") else { continue }
            fields[String(parts[0])] = kilobytes * 1024
        }
        guard let total = fields["MemTotal"], total > 0 else { return nil }
        let available = min(fields["MemAvailable"] ?? fields["MemFree"] ?? 0, total)
        return HostStats.Memory(
            totalBytes: total, availableBytes: available, usedBytes: total - available,
            usedPercent: Self.percent(total - available, of: total))
    }

    private func disk(at path: String) -> HostStats.Disk? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        let blockSize = UInt64(info.f_frsize)
        let total = UInt64(info.f_blocks) * blockSize
        let free = UInt64(info.f_bfree) * blockSize
        let available = UInt64(info.f_bavail) * blockSize
        let used = total - free
        return HostStats.Disk(
            path: path, totalBytes: total, availableBytes: available,
            usedPercent: Self.percent(used, of: used + available))
    }

    private func process() -> HostStats.Process {
        let pageSize = UInt64(sysconf(Int32(_SC_PAGESIZE)))
        var resident: UInt64 = 0
        if let text = try? String(contentsOfFile: "\(procRoot)/self/statm", encoding: .utf8) {
            let fields = text.split(separator: " ")
            if fields.count > 1, let pages = UInt64(fields[1]) { resident = pages * pageSize }
        }
        var threads = 0
        if let text = try? String(contentsOfFile: "\(procRoot)/self/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Threads:") })
        {
            threads = Int(line.dropFirst(8).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return HostStats.Process(pid: Int(getpid()), residentBytes: resident, threads: threads)
    }

    private static func percent(_ part: UInt64, of whole: UInt64) -> Double {
        guard whole > 0 else { return 0 }
        return (Double(part) / Double(whole) * 1000).rounded() / 10
    }

    private static func string<T>(from tuple: T) -> String {
        withUnsafeBytes(of: tuple) { buffer in
            String(decoding: buffer.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }
}
