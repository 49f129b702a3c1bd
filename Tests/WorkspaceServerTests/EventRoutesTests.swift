import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

@Suite struct EventRoutesTests {
    private func ticket(_ server: TestServer, _ client: any TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/api/v1/events/ticket", method: .post, headers: server.authorized) { response in
            #expect(response.status == .ok)
            return try #require(JSONBody(response.body)["ticket"]?.string)
        }
    }

    @Test func aTicketOpensTheStreamOnceAndADiskEditArrivesAsAnEvent() async throws {
        try await TestServer.test(.live, fixture: true) { server, client in
            let port = try #require(client.port)
            let ticket = try await ticket(server, client)
            let head = "GET /api/v1/events?ticket=\(ticket) HTTP/1.1\nHost: 127.0.0.1:\(port)\n"
            async let streamed = RawHTTP.stream(port: port, head) { $0.contains("event: config.changed") }
            // Wait for the stream to subscribe, then edit; repeat the edit until the stream has seen it (a watcher
            // that was still starting may miss the first one), instead of sleeping and hoping.
            let writer = Task {
                let deadline = Date().addingTimeInterval(20)
                while server.services.events.listenerCount == 0, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
                while !Task.isCancelled, Date() < deadline {
                    try "timezone: UTC\n".write(to: server.home.configFile, atomically: true, encoding: .utf8)
                    try await Task.sleep(for: .milliseconds(500))
                }
            }
            let text = try await streamed
            writer.cancel()
            #expect(text.hasPrefix("HTTP/1.1 200"))
            #expect(text.lowercased().contains("content-type: text/event-stream"))
            #expect(text.contains("event: config.changed\ndata: {\"etag\":\"\\\"sha256-"))
            #expect(text.contains(ConfigSnapshot.etag(of: "timezone: UTC\n").replacingOccurrences(of: "\"", with: "\\\"")))

            let reused = try await RawHTTP.send(port: port, head)
            #expect(reused.status == 401 && reused.text.contains("invalid_ticket"))
            let bare = try await RawHTTP.send(port: port, "GET /api/v1/events HTTP/1.1\nHost: 127.0.0.1:\(port)\n")
            #expect(bare.status == 401)
        }
    }

    @Test func aScriptResumesAfterTheLastEventItSaw() async throws {
        try await TestServer.test(.live) { server, client in
            let port = try #require(client.port)
            for index in 1...3 { server.services.events.publish(.envChanged, .object(["n": .int(index)])) }
            let head = "GET /api/v1/events HTTP/1.1\nHost: 127.0.0.1:\(port)\nAuthorization: Bearer \(server.token)\nLast-Event-ID: 1\n"
            let text = try await RawHTTP.stream(port: port, head) { $0.contains("\"n\":3") }
            #expect(!text.contains("id: 1\n") && text.contains("id: 2\n") && text.contains("id: 3\n"), "\(text)")
            #expect(server.services.events.listenerCount <= 1)
        }
    }
}
