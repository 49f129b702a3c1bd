import Foundation

// Writes a Swift file holding files' contents, for the EmbedFiles build plugin:
//
//     EmbedFilesTool OUTPUT.swift --catalog NAME ROOT ENTRY… [--catalog NAME ROOT ENTRY…]
//
// Each catalog becomes a `[String: String]` of path relative to ROOT → base64 contents in `enum EmbeddedFiles`,
// holding each ENTRY of ROOT that is a file and the regular files under each that is a folder (hidden names and
// `__pycache__` left out; a missing ENTRY is skipped). Base64 string literals compile in a fraction of the time
// byte-array literals take.

var arguments = Array(CommandLine.arguments.dropFirst())
guard !arguments.isEmpty else {
    FileHandle.standardError.write(Data("usage: EmbedFilesTool OUTPUT.swift --catalog NAME ROOT PATH…\n".utf8))
    exit(2)
}
let output = URL(fileURLWithPath: arguments.removeFirst())

/// `url` if it is a regular file, else the regular files under it; hidden names and `__pycache__` left out.
func files(under url: URL) -> [URL] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return [] }
    guard isFolder.boolValue else { return [url] }
    var found: [URL] = []
    let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    while let file = enumerator?.nextObject() as? URL {
        if file.lastPathComponent == "__pycache__" {
            enumerator?.skipDescendants()
        } else if (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            found.append(file)
        }
    }
    return found
}

/// A Swift string literal's body for `text` (backslashes and quotes escaped).
func literal(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
}

var catalogs: [(name: String, root: URL, paths: [String])] = []
var index = 0
while index < arguments.count {
    if arguments[index] == "--catalog", index + 2 < arguments.count {
        catalogs.append((arguments[index + 1], URL(fileURLWithPath: arguments[index + 2]), []))
        index += 3
    } else if !catalogs.isEmpty {
        catalogs[catalogs.count - 1].paths.append(arguments[index])
        index += 1
    } else {
        FileHandle.standardError.write(Data("EmbedFilesTool: \(arguments[index]) comes before any --catalog\n".utf8))
        exit(2)
    }
}

var source = "// Generated at build time by the EmbedFiles plugin (Plugins/EmbedFiles); not committed.\n\n"
source += "/// Files built into the binary, by catalog: path relative to its folder → base64 contents.\n"
source += "enum EmbeddedFiles {\n"
for catalog in catalogs {
    source += "    static let \(catalog.name): [String: String] = [\n"
    let root = catalog.root.standardizedFileURL.path
    let found = catalog.paths.flatMap { files(under: catalog.root.appendingPathComponent($0)) }
        .map { (String($0.standardizedFileURL.path.dropFirst(root.count + 1)), $0) }.sorted { $0.0 < $1.0 }
    for (path, url) in found {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            FileHandle.standardError.write(Data("EmbedFilesTool: cannot read \(url.path)\n".utf8))
            exit(1)
        }
        source += "        \"\(literal(path))\": \"\(data.base64EncodedString())\",\n"
    }
    source += found.isEmpty ? "        :\n" : ""
    source += "    ]\n"
}
source += "}\n"

// Left alone when unchanged, so the target does not recompile.
if FileManager.default.contents(atPath: output.path) != Data(source.utf8) {
    try Data(source.utf8).write(to: output, options: .atomic)
}
