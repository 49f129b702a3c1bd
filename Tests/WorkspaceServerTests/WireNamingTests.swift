import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

/// The naming and paging rules of docs/api.md: acronyms upper case (`sessionID`, `requestID`, `backupID`,
/// `lastEventID`), every list answers `items` and pages with `cursor`. The old spellings keep working for one release
/// (other suites still use them), so this suite checks the new ones answer the same.
@Suite struct WireNamingTests {
    @Test func newSpellingsAnswerLikeTheOldOnes() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            let agent = try server.services.credentials.createToken(name: "bridge", role: .agent)
            let agentJSON: HTTPFields = [.authorization: "Bearer \(agent.secret)", .contentType: "application/json"]
            try await client.execute(
                uri: "/api/v1/approvals", method: .post, headers: agentJSON,
                body: ByteBuffer(string: #"{"tool":"terminal","action":"ls /tmp","sessionID":"s-new"}"#)
            ) { response in
                #expect(response.status == .created)
                let body = try JSONBody(response.body)
                #expect(body["sessionID"]?.string == "s-new", "sessionID is read")
            }

            let long = String(repeating: "s", count: 4_001)
            try await client.execute(
                uri: "/api/v1/approvals", method: .post, headers: agentJSON,
                body: ByteBuffer(string: #"{"tool":"terminal","action":"ls","sessionID":"s","sessionId":"\#(long)"}"#)
            ) { response in
                #expect(response.status == .badRequest, "the old spelling is held to the same limit when both are sent")
            }

            let id = try #require(try await server.services.main.sessions.page(SessionQuery(), includeTotal: false).items.first?.id)
            var firstPage: (cursor: String, rest: [Int]) = ("", [])
            try await client.execute(uri: "/api/v1/sessions/\(id)/messages?limit=3", method: .get, headers: server.authorized) { response in
                firstPage.cursor = try JSONBody(response.body)["nextCursor"]?.string ?? ""
            }
            for name in ["cursor", "after"] {
                try await client.execute(
                    uri: "/api/v1/sessions/\(id)/messages?limit=500&\(name)=\(firstPage.cursor)", method: .get, headers: server.authorized
                ) { response in
                    let ids = try JSONBody(response.body)["items"]?.array.compactMap { $0["id"]?.int } ?? []
                    if name == "cursor" {
                        firstPage.rest = ids
                    } else {
                        #expect(ids == firstPage.rest && !ids.isEmpty, "`after` pages like `cursor`")
                    }
                }
            }

            let word = try server.readState { db in
                try String.fetchOne(db, sql: "SELECT content FROM messages WHERE role = 'user' LIMIT 1")!.split(separator: " ").first.map(
                    String.init)!
            }
            try await client.execute(uri: "/api/v1/sessions/search?q=\(word)", method: .get, headers: server.authorized) { response in
                let body = try JSONBody(response.body)
                #expect((body["items"]?.count ?? 0) > 0 && body["items"]?.count == body["groups"]?.count)
            }

            let tag = try await client.execute(uri: "/api/v1/config", method: .get, headers: server.authorized) { response in
                try #require(response.headers[.eTag])
            }
            var json = server.authorized
            json[.contentType] = "application/json"
            json[.ifMatch] = tag
            try await client.execute(
                uri: "/api/v1/config", method: .patch, headers: json,
                body: ByteBuffer(string: #"{"operations":[{"path":"approvals.mode","value":"smart"}]}"#)
            ) { response in
                let body = try JSONBody(response.body)
                #expect(response.status == .ok && body["backupID"]?.string != nil && body["backupID"]?.string == body["backupId"]?.string)
            }
            try await client.execute(uri: "/api/v1/audit", method: .get, headers: server.authorized) { response in
                let event = try #require(try JSONBody(response.body)["items"]?[0])
                #expect(event["requestID"]?.string != nil && event["requestID"]?.string == event["requestId"]?.string)
            }
        }
    }
}
