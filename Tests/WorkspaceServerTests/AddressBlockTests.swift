import Testing

@testable import WorkspaceServer

@Suite struct AddressBlockTests {
    @Test func blocksMatchTheirAddressesOnly() throws {
        let private10 = try #require(AddressBlock("10.0.0.0/8"))
        #expect(private10.contains("10.200.3.4") && !private10.contains("11.0.0.1") && !private10.contains("::1"))
        #expect(private10.contains("::ffff:10.1.2.3"), "an IPv4-mapped IPv6 peer counts as IPv4")
        let host = try #require(AddressBlock("127.0.0.2"))
        #expect(host.contains("127.0.0.2") && !host.contains("127.0.0.3") && host.description == "127.0.0.2/32")
        let v6 = try #require(AddressBlock("fd00::/8"))
        #expect(v6.contains("fd12:3456::1") && !v6.contains("fe80::1"))
        #expect(try #require(AddressBlock("0.0.0.0/0")).contains("203.0.113.9"))
        for bad in ["", "10.0.0.0/33", "not-an-ip", "10.0.0/8", "::1/129", "10.0.0.0/-1"] {
            #expect(AddressBlock(bad) == nil, "\(bad)")
        }
    }
}
