import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WorkspaceServer

@Suite struct HostGuardLiveTests {
    @Test func aForeignHostHeaderIsRefusedOverARealSocket() async throws {
        try await TestServer.test(.live) { server, client in
            let port = try #require(client.port)
            let token = server.token
            let good = try await RawHTTP.send(port: port, "GET /api/v1/status HTTP/1.1\nHost: 127.0.0.1:\(port)\nAuthorization: Bearer \(token)\n")
            #expect(good.status == 200)
            for host in ["evil.example", "evil.example:\(port)", "[::1]:\(port)", "127.0.0.1.nip.io:\(port)"] {
                let refused = try await RawHTTP.send(port: port, "GET /api/v1/status HTTP/1.1\nHost: \(host)\nAuthorization: Bearer \(token)\n")
                #expect(refused.status == 403, "\(host)")
                #expect(refused.text.contains(#""code":"forbidden_host""#))
                #expect(!refused.text.contains(token))
            }
            let page = try await RawHTTP.send(port: port, "GET / HTTP/1.1\nHost: evil.example\n")
            #expect(page.status == 403)
            #expect(!page.text.contains(token))
        }
    }
}
