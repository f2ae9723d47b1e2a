import Foundation
import StatesLanguage

/// Reading the files and values people pass on the command line.
enum CommandInput {
    /// Reads a file's text, or standard input for `-`.
    static func text(ofFile path: String) throws(CommandFailure) -> String {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return String(decoding: data, as: UTF8.self)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("Cannot read '\(path)': no such file, or not readable.")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A JSON value given inline or as `@file`.
    static func json(_ argument: String, what: String) throws(CommandFailure) -> JSON {
        let text = argument.hasPrefix("@") ? try self.text(ofFile: String(argument.dropFirst())) : argument
        do { return try JSON(parsing: text) } catch {
            throw CommandFailure("The \(what) is not valid JSON: \(error).")
        }
    }
}

/// A command-line problem: printed as is, with the exit code it names.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32
    init(_ message: String, exitCode: Int32 = 2) {
        self.message = message
        self.exitCode = exitCode
    }
    var description: String { message }
}

/// Standard error, for diagnostics.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}
