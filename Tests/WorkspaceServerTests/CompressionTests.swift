import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WorkspaceCore

@testable import WorkspaceServer

@Suite struct CompressionTests {
    @Test func largeJSONIsGzippedForClientsThatAskAndTheBytesAreTheSame() async throws {
        try await TestServer.test(fixture: true) { server, client in
            var plain = ByteBuffer()
            try await client.execute(uri: "/api/v1/sessions?limit=50", method: .get, headers: server.authorized) { response in
                #expect(response.headers[.contentEncoding] == nil, "no Accept-Encoding, no compression")
                plain = response.body
            }
            #expect(plain.readableBytes > CompressionMiddleware.minimumSize)
            var headers = server.authorized
            headers[.acceptEncoding] = "br;q=1.0, gzip;q=0.8"
            try await client.execute(uri: "/api/v1/sessions?limit=50", method: .get, headers: headers) { response in
                #expect(response.headers[.contentEncoding] == "gzip" && response.headers[.vary]?.contains("Accept-Encoding") == true)
                var body = response.body
                #expect(body.readableBytes < plain.readableBytes / 2, "\(body.readableBytes) of \(plain.readableBytes) bytes")
                #expect((try? body.decompress(with: .gzip())) == plain)
            }
            headers[.acceptEncoding] = "gzip;q=0, identity"
            try await client.execute(uri: "/api/v1/sessions?limit=50", method: .get, headers: headers) { response in
                #expect(response.headers[.contentEncoding] == nil, "q=0 refuses gzip")
            }
            headers[.acceptEncoding] = "gzip"
            try await client.execute(uri: "/api/v1/health", method: .get, headers: headers) { response in
                #expect(response.headers[.contentEncoding] == nil, "a small answer is sent as it is")
            }
        }
    }

    @Test func thePagesFilesAreCompressedOnceAtStartUp() async throws {
        let script = String(repeating: "console.log('hermes workspace');\n", count: 200)
        let assets = SPAAssets(files: ["dist/index.html": Data("<html></html>".utf8), "dist/app-0123456789.js": Data(script.utf8)])
        let asset = try #require(assets.files["/app-0123456789.js"])
        var packed = try #require(asset.gzipped)
        #expect(packed.readableBytes < script.utf8.count / 10)
        #expect(String(buffer: try packed.decompress(with: .gzip())) == script)
        #expect(!CompressionMiddleware.compressible("text/event-stream; charset=utf-8"), "event streams are never compressed")
        #expect(CompressionMiddleware.compressible("application/json") && !CompressionMiddleware.compressible("image/png"))
        #expect(CompressionMiddleware.acceptsGzip(["deflate, gzip"]) && CompressionMiddleware.acceptsGzip(["*"]))
        #expect(!CompressionMiddleware.acceptsGzip(["br"]) && !CompressionMiddleware.acceptsGzip(["gzip;q=0.0"]))
    }
}
