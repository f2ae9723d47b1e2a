import Foundation

/// The files a template names (`DefinitionUri`, `CodeUri`), read relative to the template.
///
/// The planner's only I/O goes through this protocol; tests use an in-memory one.
public protocol TemplateFileSystem: Sendable {
    /// The UTF-8 text of a file; throws when it cannot be read.
    func readText(atPath path: String) throws -> String
    /// Whether `path` is a directory, a file, or nothing.
    func kind(ofItemAt path: String) -> FileKind?
}

/// What is at a path.
public enum FileKind: Sendable, Equatable { case file, directory }

/// The real file system.
public struct LocalFileSystem: TemplateFileSystem {
    public init() {}

    public func readText(atPath path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    public func kind(ofItemAt path: String) -> FileKind? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue ? .directory : .file
    }
}

enum PathResolution {
    /// `path` made absolute against `base` and normalized (`./`, `../`, trailing `/` removed).
    static func resolve(_ path: String, against base: String) -> String {
        let joined = path.hasPrefix("/") ? path : (base.isEmpty ? path : base + "/" + path)
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty && parts.last != ".." { parts.removeLast() } else if !joined.hasPrefix("/") { parts.append(part) }
            default: parts.append(part)
            }
        }
        let body = parts.joined(separator: "/")
        return joined.hasPrefix("/") ? "/" + body : (body.isEmpty ? "." : body)
    }

    /// The directory holding `file`.
    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }
}

/// CloudFormation's generated physical names: `StackName-LogicalId-SUFFIX`.
enum PhysicalName {
    /// A name for a resource whose template gives none. The suffix is derived from the stack
    /// and logical ID (CloudFormation's is random but kept for the resource's life; deriving it
    /// keeps a second deploy updating the same resource). Parts are shortened to fit `maxLength`.
    static func generate(stackName: String, logicalId: String, maxLength: Int, fifo: Bool = false) -> String {
        let suffix = StableHash.suffix("\(stackName)/\(logicalId)")
        let ending = fifo ? ".fifo" : ""
        let budget = maxLength - suffix.count - ending.count - 2
        var stack = Substring(stackName)
        var logical = Substring(logicalId)
        if stack.count + logical.count > budget {
            let stackShare = max(budget / 2, budget - logical.count)
            stack = stack.prefix(max(0, stackShare))
            logical = logical.prefix(max(0, budget - stack.count))
        }
        return "\(stack)-\(logical)-\(suffix)\(ending)"
    }
}
