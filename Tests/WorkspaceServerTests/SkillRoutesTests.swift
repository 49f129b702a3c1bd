import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

@Suite struct SkillRoutesTests {
    @Test func listAndDetailWithFilesVariablesAndETag() async throws {
        try await TestServer.test(fixture: true) { server, client in
            let skillFolder = server.home.skillsDirectory.appendingPathComponent("research/web-research")
            try FileManager.default.createDirectory(at: skillFolder.appendingPathComponent("references"), withIntermediateDirectories: true)
            try Data("# Sources\n".utf8).write(to: skillFolder.appendingPathComponent("references/sources.md"))
            try await client.execute(uri: "/api/v1/skills?category=research", method: .get, headers: server.authorized) { response in
                let body = try JSONBody(response.body)
                #expect(body["items"]?.array.compactMap { $0["name"]?.string } == ["web-research"])
                #expect(body["categories"]?.array.compactMap(\.string) == ["devops", "research", "writing"])
            }
            try await client.execute(uri: "/api/v1/skills?enabled=false", method: .get, headers: server.authorized) { response in
                let answer = try JSONBody(response.body)
                #expect(answer["items"]?.array.compactMap { $0["name"]?.string } == ["legacy-notes"])
            }
            try await client.execute(uri: "/api/v1/skills/web-research", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
                let body = try JSONBody(response.body)
                #expect(response.headers[.eTag] == body["etag"]?.string)
                #expect(body["content"]?.string?.hasPrefix("---\nname: web-research") == true)
                #expect(body["files"]?.array.compactMap { $0["path"]?.string } == ["SKILL.md", "references/sources.md"])
                #expect(body["editable"]?.bool == true)
            }
            try await client.execute(uri: "/api/v1/skills/web-research/files/references/sources.md", method: .get, headers: server.authorized) {
                response in
                let answer = try JSONBody(response.body)
                #expect(answer["text"]?.string == "# Sources\n")
            }
            for name in ["my notes.md", "café.md"] {
                try Data("# \(name)\n".utf8).write(to: skillFolder.appendingPathComponent("references").appendingPathComponent(name))
            }
            for (path, name) in [("references/my%20notes.md", "my notes.md"), ("references/caf%C3%A9.md", "café.md")] {
                try await client.execute(uri: "/api/v1/skills/web-research/files/\(path)", method: .get, headers: server.authorized) { response in
                    #expect(response.status == .ok, "\(path)")
                    let text = try JSONBody(response.body)["text"]?.string
                    #expect(text == "# \(name)\n", "file names are decoded: \(path)")
                }
            }
            try FileManager.default.createSymbolicLink(at: skillFolder.appendingPathComponent("leak.md"), withDestinationURL: server.home.envFile)
            for path in ["../docker-cleanup/SKILL.md", "..%2F..%2F..%2F.env", "%2Fetc%2Fpasswd", "leak.md", "references", "nope.md", "./SKILL.md"] {
                try await client.execute(uri: "/api/v1/skills/web-research/files/\(path)", method: .get, headers: server.authorized) { response in
                    #expect([.notFound, .badRequest].contains(response.status), "\(path)")
                    #expect(!String(buffer: response.body).contains("API_KEY"), "\(path)")
                }
            }
            try await client.execute(uri: "/api/v1/skills/nope", method: .get, headers: server.authorized) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func editingSKILLmdNeedsTheETagAValidFrontMatterAndTheSameName() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            let file = server.home.skillsDirectory.appendingPathComponent("research/web-research/SKILL.md")
            let original = try String(contentsOf: file, encoding: .utf8)
            var etag = ""
            try await client.execute(uri: "/api/v1/skills/web-research", method: .get, headers: server.authorized) { response in
                etag = response.headers[.eTag] ?? ""
            }
            var json = server.authorized
            json[.contentType] = "application/json"
            let good = original.replacingOccurrences(of: "Search the web and summarise sources", with: "Search the web, then summarise")
            func body(_ text: String) -> ByteBuffer { ByteBuffer(string: OrderedJSON.object(["text": .string(text)]).rendered(.compact)) }
            try await client.execute(uri: "/api/v1/skills/web-research/content", method: .put, headers: json, body: body(good)) { response in
                #expect(response.status == .preconditionRequired)
            }
            var edit = json
            edit[.ifMatch] = "\"skill-000\""
            try await client.execute(uri: "/api/v1/skills/web-research/content", method: .put, headers: edit, body: body(good)) { response in
                #expect(response.status == .conflict)
            }
            edit[.ifMatch] = etag
            for bad in [
                "no front matter", "---\nname: web-research\n---\nbody\n", "---\nname: renamed\ndescription: d\n---\nbody\n",
                "---\nname: web-research\ndescription: d\n---\n",
            ] {
                try await client.execute(uri: "/api/v1/skills/web-research/content", method: .put, headers: edit, body: body(bad)) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
            #expect(try String(contentsOf: file, encoding: .utf8) == original, "refused edits leave the file alone")
            try await client.execute(uri: "/api/v1/skills/web-research/content", method: .put, headers: edit, body: body(good)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != etag)
            }
            #expect(try String(contentsOf: file, encoding: .utf8) == good)
        }
    }

    @Test func createAndToggleWriteWhatTheAgentReads() async throws {
        try await TestServer.test(fixture: true, bodyLimit: 1 << 20) { server, client in
            var json = server.authorized
            json[.contentType] = "application/json"
            try await client.execute(
                uri: "/api/v1/skills", method: .post, headers: json,
                body: ByteBuffer(
                    string:
                        ##"{"name":"release-notes","category":"writing","description":"Draft release notes: from the changelog","body":"# Release notes\n\nRead CHANGELOG.md."}"##
                )
            ) { response in
                #expect(response.status == .created)
            }
            let created = try String(
                contentsOf: server.home.skillsDirectory.appendingPathComponent("writing/release-notes/SKILL.md"), encoding: .utf8)
            #expect(
                created
                    == "---\nname: release-notes\ndescription: \"Draft release notes: from the changelog\"\n---\n\n# Release notes\n\nRead CHANGELOG.md.\n"
            )
            for (payload, status) in [
                (#"{"name":"Bad Name","description":"d","body":"b"}"#, HTTPResponse.Status.badRequest),
                (#"{"name":"ok-name","category":"../x","description":"d","body":"b"}"#, .badRequest),
                (#"{"name":"ok-name","description":"d","body":"  "}"#, .badRequest),
                (#"{"name":"web-research","description":"d","body":"b"}"#, .conflict),
            ] {
                try await client.execute(uri: "/api/v1/skills", method: .post, headers: json, body: ByteBuffer(string: payload)) { response in
                    #expect(response.status == status, "\(payload)")
                }
            }
            let before = try String(contentsOf: server.home.configFile, encoding: .utf8)
            try await client.execute(
                uri: "/api/v1/skills/weekly-report/enabled", method: .put, headers: json, body: ByteBuffer(string: #"{"enabled":false}"#)
            ) { response in
                #expect(response.status == .ok)
                let answer = try JSONBody(response.body)
                #expect(answer["skill"]?["enabled"]?.bool == false)
            }
            try await client.execute(
                uri: "/api/v1/skills/legacy-notes/enabled", method: .put, headers: json, body: ByteBuffer(string: #"{"enabled":true}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/api/v1/skills/docker-cleanup/enabled", method: .put, headers: json,
                body: ByteBuffer(string: #"{"enabled":false,"platform":"telegram"}"#)
            ) { response in
                let answer = try JSONBody(response.body)
                #expect(answer["skill"]?["disabledOn"]?.array.compactMap(\.string) == ["telegram"])
            }
            for (path, payload, status) in [
                ("weekly-report", #"{"enabled":false,"platform":"myspace"}"#, HTTPResponse.Status.badRequest),
                ("nope", #"{"enabled":false}"#, .notFound),
            ] {
                try await client.execute(uri: "/api/v1/skills/\(path)/enabled", method: .put, headers: json, body: ByteBuffer(string: payload)) {
                    response in
                    #expect(response.status == status, "\(path)")
                }
            }
            let after = try String(contentsOf: server.home.configFile, encoding: .utf8)
            let document = try YAMLDocument(text: after).value
            #expect(document["skills"]?["disabled"] == .array([.string("weekly-report")]))
            #expect(
                document["skills"]?["platform_disabled"]?["telegram"] == .array([.string("docker-cleanup"), .string("web-research")]),
                "sorted, as the agent writes")
            let untouched = before.split(separator: "\n").filter {
                !$0.contains("legacy-notes") && !$0.contains("disabled") && !$0.contains("telegram") && !$0.hasPrefix("    - ")
            }
            #expect(untouched.allSatisfy { after.contains($0) }, "every other line and comment of config.yaml kept")
        }
    }
}
