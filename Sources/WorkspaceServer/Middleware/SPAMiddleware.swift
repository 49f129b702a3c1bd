import Foundation
import HTTPTypes
import Hummingbird
import WorkspaceCore

/// Serves the single-page app for GET/HEAD requests outside `/api`: known assets by exact path, and
/// `index.html` for every other path under the base (deep links), with the base path written into its meta tag.
/// The page never carries a credential: a browser signs in (password or one-time link) and holds an HttpOnly cookie.
struct SPAMiddleware: RouterMiddleware {
    /// Extensions of files the page loads; a miss on one of them is a 404, never the page.
    private static let assetExtensions: Set<String> = ["js", "css", "map", "png", "svg", "ico", "woff", "woff2"]

    private let assets: SPAAssets
    private let basePath: String
    /// `index.html` with the base path written in.
    private let indexPage: String?

    /// Creates the middleware.
    private let serverPaths: Set<String>

    init(assets: SPAAssets, basePath: String, serverPaths: Set<String> = []) {
        self.serverPaths = serverPaths
        self.assets = assets
        self.basePath = basePath
        self.indexPage = assets.indexTemplate?.replacingOccurrences(of: "__HERMES_BASE_PATH__", with: basePath)
            .replacingOccurrences(of: "__HERMES_TOKEN__", with: "")
    }

    /// Answers SPA paths; passes API paths and `serverPaths` (`/metrics`) on.
    func handle(
        _ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        let isAPI = path == basePath + "/api" || path.hasPrefix(basePath + "/api/") || serverPaths.contains(path)
        guard !isAPI, request.method == .get || request.method == .head else { return try await next(request, context) }
        guard basePath.isEmpty || path == basePath || path.hasPrefix(basePath + "/") else {
            throw APIError(.notFound, code: "not_found", message: "Nothing is served outside \(basePath)/.")
        }
        let relative = String(path.dropFirst(basePath.count))
        if let asset = assets.files[relative] {
            let cache = asset.immutable ? "public, max-age=31536000, immutable" : "no-cache"
            if let gzipped = asset.gzipped, CompressionMiddleware.acceptsGzip(request.headers[values: .acceptEncoding]) {
                var response = respond(request, body: gzipped, contentType: asset.contentType, cacheControl: cache)
                response.headers[.contentEncoding] = "gzip"
                CompressionMiddleware.addVary(&response.headers)
                return response
            }
            var response = respond(request, body: asset.body, contentType: asset.contentType, cacheControl: cache)
            if asset.gzipped != nil { CompressionMiddleware.addVary(&response.headers) }
            return response
        }
        if relative.hasPrefix("/vendor/") || Self.assetExtensions.contains((relative as NSString).pathExtension.lowercased()) {
            throw APIError(.notFound, code: "not_found", message: "No such file.")
        }
        guard let indexPage else {
            throw APIError(
                .notFound, code: "ui_not_installed", message: "The web UI files were not found; the API is available under \(basePath)/api/v1.")
        }
        return respond(request, body: ByteBuffer(string: indexPage), contentType: "text/html; charset=utf-8", cacheControl: "no-store")
    }

    private func respond(_ request: Request, body: ByteBuffer, contentType: String, cacheControl: String) -> Response {
        let headers: HTTPFields = [.contentType: contentType, .contentLength: String(body.readableBytes), .cacheControl: cacheControl]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: request.method == .head ? ByteBuffer() : body))
    }
}
