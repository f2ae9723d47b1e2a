import Foundation

/// Inline function source (SAM `InlineCode`, CloudFormation `Code.ZipFile`) written as the
/// file Lambda would make of it: `index.py` / `index.js` for the handler's module, so that a
/// handler `index.handler` finds it.
enum InlineCode {
    /// Writes `source` into `folder` (replacing what was there) and returns the folder.
    static func write(_ source: String, runtime: String?, handler: String?, into folder: String) throws -> String {
        let runtime = runtime ?? ""
        let handler = handler ?? "index.handler"
        let file: String
        if runtime.hasPrefix("python") || runtime.hasPrefix("nodejs") {
            // `dir/module.function`: the module is everything before the last dot.
            let module = handler.split(separator: ".").dropLast().joined(separator: ".")
            guard !module.isEmpty, !module.contains(".."), !module.hasPrefix("/") else {
                throw ResourceFailure("Handler '\(handler)' names no module for the inline code")
            }
            file = module + (runtime.hasPrefix("python") ? ".py" : ".js")
        } else {
            // An executable runtime runs the handler: the inline code is that file.
            let name = handler.split(separator: "/").last.map(String.init) ?? "bootstrap"
            guard !name.isEmpty, name != "..", name != "." else { throw ResourceFailure("Handler '\(handler)' is not a file name") }
            file = name
        }
        let manager = FileManager.default
        try? manager.removeItem(atPath: folder)
        let path = "\(folder)/\(file)"
        do {
            try manager.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                        withIntermediateDirectories: true)
            try Data(source.utf8).write(to: URL(fileURLWithPath: path))
            if !(runtime.hasPrefix("python") || runtime.hasPrefix("nodejs")) {
                try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            }
        } catch {
            throw ResourceFailure("Cannot write the inline code to \(path): \(error.localizedDescription)")
        }
        return folder
    }
}
