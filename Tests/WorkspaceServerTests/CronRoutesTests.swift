import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import WorkspaceServer

@Suite struct CronRoutesTests {
    @Test func aPreviewShowsTheStoredFormAndNextRunsAndRefusesNonsense() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            var headers = server.authorized
            headers[.contentType] = "application/json"
            try await client.execute(uri: "/api/v1/cron/preview", method: .post, headers: headers,
                                     body: ByteBuffer(string: #"{"schedule":"30 2 * * *","timezone":"Europe/Berlin","count":3}"#)) { response in
                #expect(response.status == .ok)
                let body = try JSONBody(response.body)
                #expect(body["kind"]?.string == "cron")
                #expect(body["schedule"]?["expr"]?.string == "30 2 * * *")
                #expect(body["next"]?.count == 3)
            }
            try await client.execute(uri: "/api/v1/cron/preview", method: .post, headers: headers,
                                     body: ByteBuffer(string: #"{"schedule":"every 2h"}"#)) { response in
                let body = try JSONBody(response.body)
                #expect(body["display"]?.string == "every 120m")
                #expect(body["timezone"]?.string == "Europe/Berlin", "the agent's zone by default")
                #expect(body["next"]?.count == 5)
            }
            for payload in [#"{"schedule":"0 9 * * MON"}"#, #"{"schedule":"every 5m","timezone":"Mars/Olympus"}"#, #"{"schedule":"every 5m","count":500}"#, #"{"nope":1}"#] {
                try await client.execute(uri: "/api/v1/cron/preview", method: .post, headers: headers, body: ByteBuffer(string: payload)) { response in
                    #expect(response.status == .badRequest, "\(payload)")
                }
            }
        }
    }
}
