import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

@Suite struct ConfigRoutesTests {
    private func headers(_ server: TestServer, ifMatch: String? = nil, type: String = "application/json") -> HTTPFields {
        var fields = server.authorized
        fields[.contentType] = type
        if let ifMatch { fields[.ifMatch] = ifMatch }
        return fields
    }

    private func etag(_ server: TestServer, _ client: any TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/api/v1/config", method: .get, headers: server.authorized) { response in
            #expect(response.status == .ok)
            return try #require(response.headers[.eTag])
        }
    }

    @Test func aPatchChangesOneValueAndEveryOtherByteStays() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            let original = try String(contentsOf: server.home.configFile, encoding: .utf8)
            let tag = try await etag(server, client)
            let body = #"{"operations":[{"path":"approvals.mode","value":"smart"}]}"#
            let newTag = try await client.execute(
                uri: "/api/v1/config", method: .patch, headers: headers(server, ifMatch: tag),
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .ok)
                let answer = try JSONBody(response.body)
                #expect(answer["written"]?.value as? Bool == true)
                #expect(answer["changedPaths"]?[0]?.string == "approvals.mode")
                #expect(answer["diff"]?.string?.contains("+  mode: smart       # manual | smart | off") == true)
                return try #require(response.headers[.eTag])
            }
            #expect(newTag != tag)
            #expect(
                try String(contentsOf: server.home.configFile, encoding: .utf8)
                    == original.replacingOccurrences(of: "mode: manual      #", with: "mode: smart       #"))
            try await client.execute(
                uri: "/api/v1/config", method: .patch, headers: headers(server, ifMatch: tag),
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .conflict, "the file changed since that ETag")
            }
            try await client.execute(
                uri: "/api/v1/config", method: .patch, headers: headers(server),
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .preconditionRequired)
                #expect(errorCode(response.body) == "revision_required")
            }
            let audit = try await server.services.audit.page(AuditQuery()).items
            #expect(audit.first?.action == "config.patch" && audit.first?.summary == "changed approvals.mode")
        }
    }

    @Test func aDocumentThatIsOnlyNullReadsAsNoSettingsAsTheAgentReadsIt() async throws {
        try await TestServer.test(fixture: true) { server, client in
            try Data("# nothing set\n~\n".utf8).write(to: server.home.configFile)
            try await client.execute(uri: "/api/v1/config", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
                let body = try JSONBody(response.body)
                #expect((body["config"]?.value as? [String: Any])?.isEmpty == true, "\(String(buffer: response.body))")
            }
        }
    }

    @Test func invalidValuesAndBodiesAreRefusedWithoutTouchingTheFile() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            let before = try Data(contentsOf: server.home.configFile)
            let tag = try await etag(server, client)
            let cases: [(String, HTTPResponse.Status, String)] = [
                (#"[{"path":"agent.max_turns","value":0},{"path":"logging.level","value":"LOUD"}]"#, .unprocessableContent, "validation_failed"),
                (#"[{"path":"model.provider","value":"x"}]"#, .unprocessableContent, "edit_conflict"),
                (#"{"operations":[{"path":"a"}]}"#, .badRequest, "invalid_input"),
                (#"{"operations":"#, .badRequest, "invalid_json"),
                (#"[]"#, .badRequest, "invalid_input"),
            ]
            for (body, status, code) in cases {
                try await client.execute(
                    uri: "/api/v1/config", method: .patch, headers: headers(server, ifMatch: tag),
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == status, "\(body)")
                    #expect(errorCode(response.body) == code, "\(body)")
                    if code == "validation_failed" {
                        let details = try JSONBody(response.body)["error"]?["details"]
                        #expect(details?["agent.max_turns"]?.string == "must be at least 1")
                        #expect(details?["logging.level"]?.string?.hasPrefix("must be one of DEBUG") == true)
                    }
                }
            }
            #expect(try Data(contentsOf: server.home.configFile) == before)
        }
    }

    @Test func aRawSaveWithASyntaxErrorIsA422WithTheLine() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            let before = try Data(contentsOf: server.home.configFile)
            let tag = try await etag(server, client)
            try await client.execute(
                uri: "/api/v1/config/raw", method: .put, headers: headers(server, ifMatch: tag, type: "application/yaml"),
                body: ByteBuffer(string: "timezone: UTC\napprovals:\n  mode: 'smart\n")
            ) { response in
                #expect(response.status == .unprocessableContent)
                let error = try JSONBody(response.body)["error"]
                #expect(error?["code"]?.string == "yaml_syntax")
                #expect(error?["details"]?["line"]?.string == "4")
            }
            #expect(try Data(contentsOf: server.home.configFile) == before)
            let text = "# rewritten by hand\ntimezone: UTC   # keep me\n"
            try await client.execute(
                uri: "/api/v1/config/raw", method: .put, headers: headers(server, ifMatch: tag, type: "application/yaml"),
                body: ByteBuffer(string: text)
            ) { response in
                #expect(response.status == .ok)
            }
            #expect(try String(contentsOf: server.home.configFile, encoding: .utf8) == text)
            try await client.execute(uri: "/api/v1/config/history", method: .get, headers: server.authorized) { response in
                let items = try JSONBody(response.body)["items"]
                #expect(items?.count == 1)
                #expect(items?[0]?["diff"]?.string?.contains("+timezone: UTC   # keep me") == true)
            }
        }
    }

    @Test func readsMaskSecretsAndServeTheSchema() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            try "model:\n  default: x\n  api_key: sk-live-0123456789abcdef\ndashboard:\n  basic_auth:\n    password: hunter2hunter2\n"
                .write(to: server.home.configFile, atomically: true, encoding: .utf8)
            for path in ["config", "config/effective"] {
                try await client.execute(uri: "/api/v1/\(path)", method: .get, headers: server.authorized) { response in
                    let text = String(buffer: response.body)
                    #expect(response.status == .ok)
                    #expect(!text.contains("0123456789abcdef") && !text.contains("hunter2"), "\(path)")
                    #expect(text.contains("••••cdef") && !text.contains("sk-l"))
                }
            }
            try await client.execute(uri: "/api/v1/config/schema", method: .get, headers: server.authorized) { response in
                let schema = try JSONBody(response.body)
                #expect(schema["properties"]?["approvals"]?["properties"]?["mode"]?["anyOf"]?.count == 2)
            }
        }
    }
}
