import Foundation

/// Resource figures of the machine the workspace runs on.
public struct HostStats: Sendable, Codable, Equatable {
    /// Memory figures in bytes.
    public struct Memory: Sendable, Codable, Equatable {
        /// Physical memory.
        public var totalBytes: UInt64
        /// Memory available to new work (`MemAvailable`).
        public var availableBytes: UInt64
        /// `total - available`.
        public var usedBytes: UInt64
        /// Used share in percent, one decimal.
        public var usedPercent: Double
    }

    /// Space of the filesystem that holds the Hermes home.
    public struct Disk: Sendable, Codable, Equatable {
        /// The path that was measured.
        public var path: String
        /// Size of the filesystem.
        public var totalBytes: UInt64
        /// Space available to unprivileged users.
        public var availableBytes: UInt64
        /// Used share in percent, one decimal.
        public var usedPercent: Double
    }

    /// The workspace process itself.
    public struct Process: Sendable, Codable, Equatable {
        /// Its pid.
        public var pid: Int
        /// Resident memory in bytes.
        public var residentBytes: UInt64
        /// Number of threads.
        public var threads: Int
    }

    /// Host name.
    public var hostname: String
    /// Kernel name and release, e.g. `Linux 6.1.0`.
    public var operatingSystem: String
    /// CPU architecture.
    public var architecture: String
    /// Logical CPUs.
    public var cpuCount: Int
    /// 1, 5 and 15 minute load averages.
    public var loadAverage: [Double]
    /// Seconds since boot.
    public var uptimeSeconds: Double?
    /// Memory, when `/proc/meminfo` is readable.
    public var memory: Memory?
    /// Disk of the home's filesystem.
    public var disk: Disk?
    /// The workspace process.
    public var process: Process
}
