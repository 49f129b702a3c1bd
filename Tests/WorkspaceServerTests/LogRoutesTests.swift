import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

@Suite struct LogRoutesTests {
    @Test func pagesFilesAndBadParameters() async throws {
        try await TestServer.test(fixture: true) { server, client in
            try await client.execute(uri: "/api/v1/logs/files", method: .get, headers: server.authorized) { response in
                let names = try JSONBody(response.body)["items"]?.array.compactMap { $0["name"]?.string }
                #expect(names == ["agent.log", "errors.log"])
            }
            let cursor = try await client.execute(uri: "/api/v1/logs?file=agent&limit=5&level=ERROR", method: .get, headers: server.authorized) {
                response in
                #expect(response.status == .ok)
                let page = try JSONBody(response.body)
                #expect(page["items"]?.count == 5)
                #expect(page["items"]?.array.allSatisfy { $0["level"]?.string == "ERROR" || $0["level"]?.string == "CRITICAL" } == true)
                return try #require(page["nextCursor"]?.string)
            }
            try await client.execute(uri: "/api/v1/logs?file=agent&limit=5&level=ERROR&before=\(cursor)", method: .get, headers: server.authorized) {
                response in
                let page = try JSONBody(response.body)
                #expect(page["items"]?.count == 5)
            }
            for (query, code) in [
                ("file=../../etc/passwd", "invalid_query"), ("level=LOUD", "invalid_query"), ("q=/(/", "invalid_search"),
                ("before=nonsense", "invalid_query"),
            ] {
                try await client.execute(uri: "/api/v1/logs?\(query)", method: .get, headers: server.authorized) { response in
                    #expect(response.status == .badRequest, "\(query)")
                    #expect(errorCode(response.body) == code, "\(query)")
                }
            }
            try await client.execute(uri: "/api/v1/logs?file=gateway", method: .get, headers: server.authorized) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func aLineAppendedToTheLogArrivesOnTheStream() async throws {
        try await TestServer.test(.live, fixture: true) { server, client in
            let port = try #require(client.port)
            // Resuming from the end as it is now makes the test independent of when the server starts streaming.
            let end = try #require(LogFollower.end(of: "agent", in: server.home)).text
            let head =
                "GET /api/v1/logs/stream?file=agent&level=WARNING HTTP/1.1\nHost: 127.0.0.1:\(port)\nAuthorization: Bearer \(server.token)\nLast-Event-ID: \(end)\n"
            async let streamed = RawHTTP.stream(port: port, head, seconds: 30) { $0.contains("disk is full") }
            let log = server.home.logsDirectory.appendingPathComponent("agent.log")
            let handle = try FileHandle(forWritingTo: log)
            try handle.seekToEnd()
            try handle.write(
                contentsOf: Data(
                    "2026-11-25 10:00:00,000 INFO [s1] run_agent: not wanted\n2026-11-25 10:00:01,000 ERROR [s1] tools.terminal_tool: disk is full\n2026-11-25 10:00:02,000 INFO run_agent: next\n"
                        .utf8))
            try handle.close()
            let text = try await streamed
            #expect(text.contains("event: record"))
            #expect(text.contains("\"message\":\"disk is full\"") && !text.contains("not wanted"), "the level filter applies")
            #expect(text.contains("id: "))
        }
    }

    @Test func aStreamOpenWhileTheAgentRotatesLosesAndRepeatsNothing() async throws {
        try await TestServer.test(.live, fixture: true) { server, client in
            let port = try #require(client.port)
            let logs = server.home.logsDirectory
            let current = logs.appendingPathComponent("agent.log")
            let end = try #require(LogFollower.end(of: "agent", in: server.home)).text
            let head =
                "GET /api/v1/logs/stream?file=agent&q=rotation-marker HTTP/1.1\nHost: 127.0.0.1:\(port)\nAuthorization: Bearer \(server.token)\nLast-Event-ID: \(end)\n"
            @Sendable func append(_ indices: Range<Int>, to url: URL) throws {
                let handle = try FileHandle(forWritingTo: url)
                try handle.seekToEnd()
                for index in indices {
                    try handle.write(
                        contentsOf: Data("2026-11-25 10:00:\(String(format: "%02d", index)),000 INFO run_agent: rotation-marker-\(index)\n".utf8))
                }
                try handle.close()
            }
            // The writes happen as the stream progresses: rotation once it is open, truncation once it has seen
            // everything before it (a truncated line that was never read is gone for any reader).
            let phase = LockedValue(0)
            let text = try await RawHTTP.stream(port: port, head, seconds: 30) { text in
                phase.withValue { phase in
                    if phase == 0, text.contains("retry:") {
                        phase = 1
                        try? append(0..<10, to: current)
                        // The agent's handler: shift the backups, rename the current file, start a new one; a line
                        // still lands in the renamed file just before the switch.
                        let first = logs.appendingPathComponent("agent.log.1")
                        if FileManager.default.fileExists(atPath: first.path) {
                            try? FileManager.default.moveItem(at: first, to: logs.appendingPathComponent("agent.log.2"))
                        }
                        try? FileManager.default.moveItem(at: current, to: first)
                        try? append(10..<11, to: first)
                        try? Data().write(to: current)
                        try? append(11..<20, to: current)
                    } else if phase == 1, text.contains("rotation-marker-19\"") {
                        phase = 2
                        try? Data().write(to: current)
                        try? append(20..<30, to: current)
                    }
                }
                return text.contains("rotation-marker-29\"")
            }
            let delivered = text.components(separatedBy: "\"message\":\"rotation-marker-").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
            #expect(delivered == Array(0..<30), "every record once, in order, across rotation and truncation")
        }
    }
}
