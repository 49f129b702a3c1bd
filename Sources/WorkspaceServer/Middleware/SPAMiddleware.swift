import Foundation
import HTTPTypes
import Hummingbird
import WorkspaceCore

/// Serves the single-page app for GET/HEAD requests outside `/api`: known assets by exact path, and
/// `index.html` for every other path under the base (deep links), with the base path — and, on a loopback
/// bind, the API token — written into its meta tags.
public struct SPAMiddleware: RouterMiddleware {
    private let assets: SPAAssets
    private let basePath: String
    private let tokens: TokenStore
    private let embedToken: Bool

    /// Creates the middleware.
    public init(assets: SPAAssets, basePath: String, tokens: TokenStore, embedToken: Bool) {
        self.assets = assets
        self.basePath = basePath
        self.tokens = tokens
        self.embedToken = embedToken
    }

    /// Answers SPA paths; passes API paths on.
    public func handle(_ request: Request, context: WorkspaceRequestContext, next: (Request, WorkspaceRequestContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let isAPI = path == basePath + "/api" || path.hasPrefix(basePath + "/api/")
        guard !isAPI, request.method == .get || request.method == .head else { return try await next(request, context) }
        guard basePath.isEmpty || path == basePath || path.hasPrefix(basePath + "/") else {
            throw APIError(.notFound, code: "not_found", message: "Nothing is served outside \(basePath)/.")
        }
        let relative = String(path.dropFirst(basePath.count))
        if let asset = assets.files[relative] {
            let cache = asset.immutable ? "public, max-age=31536000, immutable" : "no-cache"
            return respond(request, body: asset.data, contentType: asset.contentType, cacheControl: cache)
        }
        if relative.hasPrefix("/vendor/") || relative.hasPrefix("/assets/") || relative.range(of: #"\.(js|css|map|png|svg|ico|woff2?)$"#, options: .regularExpression) != nil {
            throw APIError(.notFound, code: "not_found", message: "No such file.")
        }
        guard let template = assets.indexTemplate else {
            throw APIError(.notFound, code: "ui_not_installed", message: "The web UI files were not found; the API is available under \(basePath)/api/v1.")
        }
        let token = embedToken ? try tokens.current().value : ""
        let page = template.replacingOccurrences(of: "__HERMES_BASE_PATH__", with: basePath)
            .replacingOccurrences(of: "__HERMES_TOKEN__", with: token)
        return respond(request, body: Data(page.utf8), contentType: "text/html; charset=utf-8", cacheControl: "no-store")
    }

    private func respond(_ request: Request, body: Data, contentType: String, cacheControl: String) -> Response {
        let headers: HTTPFields = [.contentType: contentType, .contentLength: String(body.count), .cacheControl: cacheControl]
        let buffer = request.method == .head ? ByteBuffer() : ByteBuffer(bytes: body)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer))
    }
}
