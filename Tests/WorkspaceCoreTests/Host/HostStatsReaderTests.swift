import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct HostStatsReaderTests {
    @Test func readsRealFiguresFromProc() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let stats = HostStatsReader().read(diskPath: fixture.home.path)
        #expect(stats.cpuCount >= 1)
        #expect(stats.loadAverage.count == 3)
        #expect(stats.operatingSystem.hasPrefix("Linux"))
        let memory = try #require(stats.memory)
        #expect(memory.totalBytes > memory.availableBytes)
        #expect(memory.usedBytes == memory.totalBytes - memory.availableBytes)
        let disk = try #require(stats.disk)
        #expect(disk.totalBytes > 0 && disk.usedPercent >= 0 && disk.usedPercent <= 100)
        #expect(stats.process.pid == Int(ProcessInfo.processInfo.processIdentifier))
        #expect(stats.process.residentBytes > 1_000_000)
    }
}
