import Foundation

/// The access keys a server accepts when SigV4 verification is on (`--credentials FILE`).
///
/// The file has the shape of `~/.aws/credentials`: each section holds one pair, and
/// lines starting with `#` or `;` are comments.
///
/// ```ini
/// [ci]
/// aws_access_key_id = AKIDEXAMPLE
/// aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
/// ```
public struct Credentials: Sendable, Equatable {
    /// Secret access keys by access key id.
    public var secrets: [String: String]

    public init(secrets: [String: String]) { self.secrets = secrets }

    /// Reads a credentials file; names the line of any problem.
    public init(contentsOf path: String) throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CredentialsError("cannot read the credentials file '\(path)': \(error.localizedDescription)")
        }
        try self.init(parsing: text)
    }

    public init(parsing text: String) throws {
        var secrets: [String: String] = [:]
        var id: String?
        var secret: String?
        func close(_ line: Int) throws {
            switch (id, secret) {
            case (nil, nil): break
            case let (id?, secret?): secrets[id] = secret
            default: throw CredentialsError("line \(line): a section needs both aws_access_key_id and aws_secret_access_key")
            }
            id = nil
            secret = nil
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                try close(index + 1)
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw CredentialsError("line \(index + 1): expected 'key = value' or '[section]'")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "aws_access_key_id": id = value
            case "aws_secret_access_key": secret = value
            default: continue
            }
        }
        try close(lines.count)
        guard !secrets.isEmpty else { throw CredentialsError("the credentials file holds no access key") }
        self.secrets = secrets
    }
}

/// A credentials file that cannot be used, and why.
public struct CredentialsError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
