import CompressNIO
import Foundation
import NIOCore

/// The single-page app's files, loaded into memory once at start-up.
///
/// Requests are answered by dictionary lookup on the URL path, so no request path is ever turned into a
/// file-system path: `..`, encoded dots and symlinks out of the folder cannot reach anything.
struct SPAAssets: Sendable {
    /// One servable file.
    struct Asset: Sendable {
        /// The bytes, shared by every response (no copy per request).
        let body: ByteBuffer
        /// Its media type.
        let contentType: String
        /// Whether its name carries a content hash or version, so it may be cached forever.
        let immutable: Bool
        /// The same bytes gzipped once at start-up, for text files where that saves something.
        var gzipped: ByteBuffer? = nil
    }

    /// Files by URL path relative to the base (`/app-1a2b3c4d.js`, `/vendor/react@18.3.1.min.js`).
    let files: [String: Asset]
    /// `index.html` with the placeholders still in it.
    let indexTemplate: String?

    /// An empty catalog (API-only server).
    static let none = SPAAssets(files: [:], indexTemplate: nil)

    private init(files: [String: Asset], indexTemplate: String?) {
        self.files = files
        self.indexTemplate = indexTemplate
    }

    /// Loads `webRoot/dist/**` at `/` and `webRoot/vendor/*` at `/vendor/`; files whose real path leaves
    /// their folder are skipped.
    static func load(webRoot: String) -> SPAAssets {
        var files: [String: Data] = [:]
        let root = URL(fileURLWithPath: webRoot).standardizedFileURL
        for folder in ["dist", "vendor"] {
            let directory = root.appendingPathComponent(folder).resolvingSymlinksInPath()
            guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in enumerator {
                let real = url.resolvingSymlinksInPath()
                guard real.path.hasPrefix(directory.path + "/"),
                    (try? real.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                    let data = FileManager.default.contents(atPath: real.path)
                else { continue }
                files[folder + String(url.standardizedFileURL.path.dropFirst(directory.path.count))] = data
            }
        }
        return SPAAssets(files: files)
    }

    /// The catalog of `files`, keyed by path under the web folder (`dist/index.html`, `vendor/react@18.3.1.min.js`):
    /// `dist/**` is served at `/`, `vendor/**` at `/vendor/`, anything else and hidden names are left out.
    init(files: [String: Data]) {
        var assets: [String: Asset] = [:]
        for (path, data) in files {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count >= 2, ["dist", "vendor"].contains(parts[0]), !parts.dropFirst().contains(where: { $0.isEmpty || $0.hasPrefix(".") })
            else { continue }
            let url = (parts[0] == "dist" ? "" : "/vendor") + "/" + parts.dropFirst().joined(separator: "/")
            let name = String(parts[parts.count - 1])
            let body = ByteBuffer(bytes: data)
            let contentType = Self.contentType(of: name)
            var gzipped: ByteBuffer?
            if data.count >= CompressionMiddleware.minimumSize, CompressionMiddleware.compressible(contentType) {
                var plain = body
                if let packed = try? plain.compress(with: .gzip()), packed.readableBytes < data.count { gzipped = packed }
            }
            assets[url] = Asset(body: body, contentType: contentType, immutable: Self.isVersioned(name), gzipped: gzipped)
        }
        let index = assets.removeValue(forKey: "/index.html").map { String(buffer: $0.body) }
        self.init(files: assets, indexTemplate: index)
    }

    private static func isVersioned(_ name: String) -> Bool {
        name.range(of: #"-[0-9a-f]{8,}\."#, options: .regularExpression) != nil || name.contains("@")
    }

    private static func contentType(of name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "html": "text/html; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "json", "map": "application/json"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }
}
