import Testing

@testable import WorkspaceServer

@Suite struct HostAllowListTests {
    @Test func loopbackBindAcceptsItsOwnNamesWithAnyPort() {
        let list = HostAllowList(bindHost: "127.0.0.1")
        for host in ["127.0.0.1", "127.0.0.1:9119", "localhost", "LOCALHOST:80", "localhost."] {
            #expect(list.allows(hostHeader: host), "\(host)")
        }
        for host in [
            "evil.example", "evil.example:9119", "127.0.0.1.evil.example", "[::1]:9119", "", "127.0.0.1:99999",
            "127.0.0.1:abc", "localhost:9119:1", "local host", "127.0.0.1@evil.example",
        ] {
            #expect(!list.allows(hostHeader: host), "\(host)")
        }
    }

    @Test func ipv6FormsAreParsed() {
        let list = HostAllowList(bindHost: "::1")
        #expect(list.allows(hostHeader: "[::1]:9119"))
        #expect(list.allows(hostHeader: "[::1]"))
        #expect(list.allows(hostHeader: "localhost:9119"))
        #expect(!list.allows(hostHeader: "::1"))
        #expect(!list.allows(hostHeader: "[::2]:9119"))
        #expect(!list.allows(hostHeader: "[::1]x"))
        #expect(HostAllowList.parse(hostHeader: "[::1]:8080")?.port == 8080)
    }

    @Test func extraHostsAndWildcardBinds() {
        let list = HostAllowList(bindHost: "0.0.0.0", extra: ["hermes.example.org"])
        #expect(list.allows(hostHeader: "hermes.example.org:443"))
        #expect(list.allows(hostHeader: "127.0.0.1:9119"))
        #expect(!list.allows(hostHeader: "other.example.org"))
        #expect(HostAllowList.isLoopback("127.0.0.2"))
        #expect(HostAllowList.isLoopback("[::1]"))
        #expect(!HostAllowList.isLoopback("0.0.0.0"))
    }
}
