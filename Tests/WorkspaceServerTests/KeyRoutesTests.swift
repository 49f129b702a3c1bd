import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

@Suite struct KeyRoutesTests {
    private let secret = "sk-proj-REVEALED-0123456789-abcdefghij"

    @Test func aSecretIsShownOnlyByItsRevealAndReachesNoLogOrAuditText() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            var json = server.authorized
            json[.contentType] = "application/json"
            var bodies: [String] = []
            try await client.execute(
                uri: "/api/v1/keys/OPENAI_API_KEY", method: .put, headers: json,
                body: ByteBuffer(string: #"{"value":"\#(secret)"}"#)
            ) { response in
                #expect(response.status == .ok)
                bodies.append(String(buffer: response.body))
                let answer = try JSONBody(response.body)
                #expect(answer["item"]?["masked"]?.string == "••••ghij")
            }
            try await client.execute(uri: "/api/v1/keys", method: .get, headers: server.authorized) { response in
                bodies.append(String(buffer: response.body))
            }
            try await client.execute(uri: "/api/v1/keys/OPENAI_API_KEY/reveal", method: .post, headers: server.authorized) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
                let answer = try JSONBody(response.body)
                #expect(answer["value"]?.string == secret)
            }
            try await client.execute(
                uri: "/api/v1/keys/OPENAI%20KEY", method: .put, headers: json,
                body: ByteBuffer(string: #"{"value":"\#(secret)"}"#)
            ) { response in
                #expect(response.status == .badRequest)
                bodies.append(String(buffer: response.body))
            }
            try await client.execute(
                uri: "/api/v1/keys/OPENAI_API_KEY", method: .put, headers: json,
                body: ByteBuffer(string: #"{"value":"\#(secret)\nINJECTED=1"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                bodies.append(String(buffer: response.body))
            }
            try await client.execute(uri: "/api/v1/audit?action=keys.", method: .get, headers: server.authorized) { response in
                let text = String(buffer: response.body)
                bodies.append(text)
                #expect(text.contains("keys.reveal") && text.contains("keys.set"))
            }
            let env = try String(contentsOf: server.home.envFile, encoding: .utf8)
            #expect(env.hasSuffix("OPENAI_API_KEY=\(secret)\n") && !env.contains("INJECTED"))
            #expect(try FileManager.default.attributesOfItem(atPath: server.home.envFile.path)[.posixPermissions] as? Int == 0o600)
            let logged = server.logs.text
            #expect(logged.contains("/api/v1/keys/OPENAI_API_KEY/reveal"), "the capture saw the requests")
            for text in bodies + [logged] {
                #expect(!text.contains(secret) && !text.contains("REVEALED"))
            }
        }
    }

    @Test func deletingRemovesEveryDefinitionAndUnknownKeysAre404() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            try await client.execute(uri: "/api/v1/keys/API_SERVER_ENABLED", method: .delete, headers: server.authorized) { response in
                #expect(response.status == .noContent)
            }
            #expect(!(try String(contentsOf: server.home.envFile, encoding: .utf8)).contains("API_SERVER_ENABLED"))
            for (method, path) in [(HTTPRequest.Method.delete, "API_SERVER_ENABLED"), (.post, "NOT_THERE/reveal")] {
                try await client.execute(uri: "/api/v1/keys/\(path)", method: method, headers: server.authorized) { response in
                    #expect(response.status == .notFound)
                }
            }
            try await client.execute(uri: "/api/v1/keys/LD_PRELOAD", method: .delete, headers: server.authorized) { response in
                #expect(response.status == .forbidden)
                #expect(errorCode(response.body) == "denied_name")
            }
        }
    }
}
