import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What `/proc` says about one process.
public struct ProcessSnapshot: Sendable, Equatable {
    /// The process id.
    public var pid: Int
    /// The one-letter scheduler state (`R`, `S`, `Z`, …).
    public var state: Character
    /// Start time in clock ticks since boot (field 22 of `/proc/<pid>/stat`), as the agent records it.
    public var startTicks: UInt64
    /// The command line, one element per argument.
    public var arguments: [String]

    /// Whether the process has exited but not been reaped.
    public var isZombie: Bool { state == "Z" || state == "X" }
}

/// Reads process facts from `/proc` (Linux). Every read is a few small files; nothing blocks for long.
public struct ProcessTable: Sendable {
    private let procRoot: String

    /// Creates a reader over `procRoot` (normally `/proc`).
    public init(procRoot: String = "/proc") {
        self.procRoot = procRoot
    }

    /// The snapshot of `pid`, or `nil` when no such process exists.
    public func snapshot(of pid: Int) -> ProcessSnapshot? {
        guard pid > 0, let stat = try? String(contentsOfFile: "\(procRoot)/\(pid)/stat", encoding: .utf8),
            let closing = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: closing)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let ticks = UInt64(fields[19]) else { return nil }
        let rawArguments = FileManager.default.contents(atPath: "\(procRoot)/\(pid)/cmdline") ?? Data()
        let arguments = rawArguments.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return ProcessSnapshot(pid: pid, state: state, startTicks: ticks, arguments: arguments)
    }

    /// The machine's boot time in epoch seconds (`btime` in `/proc/stat`).
    public func bootTime() -> Double? {
        guard let text = try? String(contentsOfFile: "\(procRoot)/stat", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// Converts a start time in ticks since boot into an epoch date.
    public func startDate(ticks: UInt64) -> Date? {
        guard let boot = bootTime() else { return nil }
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard ticksPerSecond > 0 else { return nil }
        return Date(timeIntervalSince1970: boot + Double(ticks) / ticksPerSecond)
    }

    /// Whether a command line looks like a gateway runtime: `hermes … gateway run|restart`,
    /// `hermes-gateway`, or `…/gateway/run.py`; profile flags are ignored.
    public static func looksLikeGateway(_ arguments: [String]) -> Bool {
        var tokens: [String] = []
        var skipNext = false
        for argument in arguments {
            if skipNext {
                skipNext = false
                continue
            }
            if argument == "-p" || argument == "--profile" {
                skipNext = true
                continue
            }
            if argument.hasPrefix("--profile=") { continue }
            tokens.append(argument)
        }
        if tokens.contains(where: { $0.hasSuffix("hermes-gateway") || $0.hasSuffix("gateway/run.py") }) { return true }
        guard let hermesIndex = tokens.firstIndex(where: { ($0 as NSString).lastPathComponent.hasPrefix("hermes") }) else {
            return false
        }
        let rest = tokens[(hermesIndex + 1)...]
        guard let gatewayIndex = rest.firstIndex(of: "gateway"), gatewayIndex + 1 < tokens.count else { return false }
        return tokens[gatewayIndex + 1] == "run" || tokens[gatewayIndex + 1] == "restart"
    }
}
