import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

/// `/memory`: reads with ETags; writes with If-Match, the agent's limit and format rules; every bad request a JSON
/// error that leaves the file as it was.
@Suite struct MemoryRoutesTests {
    @Test func editsNeedTheRevisionAndEveryRefusalLeavesTheFile() async throws {
        try await TestServer.test { server, client in
            let folder = server.home.root.appendingPathComponent("memories")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("memory:\n  user_char_limit: 30\n".utf8).write(to: server.home.configFile)
            try Data("alpha\n§\nbeta".utf8).write(to: folder.appendingPathComponent("MEMORY.md"))
            let file = folder.appendingPathComponent("MEMORY.md")
            var headers = server.authorized
            headers[.contentType] = "application/json"
            var etag = ""
            try await client.execute(uri: "/api/v1/memory", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
                let body = try JSONBody(response.body)
                #expect(body["files"]?[0]?["entries"]?.count == 2 && body["files"]?[1]?["limit"]?.int == 30 && body["memoryEnabled"]?.bool == true)
            }
            try await client.execute(uri: "/api/v1/memory/memory", method: .get, headers: server.authorized) { response in
                etag = response.headers[.eTag] ?? ""
                #expect(!etag.isEmpty)
            }
            let matching = { (tag: String) -> HTTPFields in
                var fields = headers
                fields[.ifMatch] = tag
                return fields
            }
            let before = try Data(contentsOf: file)
            let refusals: [(String, HTTPFields, String, HTTPResponse.Status, String)] = [
                ("/api/v1/memory/memory", headers, #"{"entries":["x"]}"#, .preconditionRequired, "revision_required"),
                ("/api/v1/memory/secrets", matching(etag), #"{"entries":["x"]}"#, .notFound, "not_found"),
                ("/api/v1/memory/memory", matching("\"stale\""), #"{"entries":["x"]}"#, .conflict, "conflict"),
                ("/api/v1/memory/memory", matching(etag), #"{"entries":["a\n§\nb"]}"#, .badRequest, "invalid_input"),
                ("/api/v1/memory/memory", matching(etag), #"{"entries":"x"}"#, .badRequest, ""),
            ]
            for (uri, fields, body, status, code) in refusals {
                try await client.execute(uri: uri, method: .put, headers: fields, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == status, "\(uri) \(body): \(String(buffer: response.body))")
                    let found = try JSONBody(response.body)["error"]?["code"]?.string
                    #expect(code.isEmpty || found == code, "\(body): \(found ?? "")")
                }
            }
            try await client.execute(
                uri: "/api/v1/memory/user/entries", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"entry":"\#(String(repeating: "z", count: 31))"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let error = try JSONBody(response.body)["error"]
                #expect(error?["code"]?.string == "limit_exceeded" && error?["message"]?.string?.contains("30") == true)
            }
            #expect(try Data(contentsOf: file) == before, "the file is as it was")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("USER.md").path))

            try await client.execute(
                uri: "/api/v1/memory/memory", method: .put, headers: matching(etag),
                body: ByteBuffer(string: #"{"entries":["beta","alpha, edited"]}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != etag)
            }
            #expect(String(decoding: try Data(contentsOf: file), as: UTF8.self) == "beta\n§\nalpha, edited")
            try await client.execute(uri: "/api/v1/memory/memory/history", method: .get, headers: server.authorized) { response in
                let body = try JSONBody(response.body)
                #expect(body["items"]?.count == 1 && body["items"]?[0]?["change"]?["source"]?.string == "Memory")
            }
        }
    }
}
