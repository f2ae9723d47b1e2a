import Foundation
import Testing
@testable import StatesLanguage

/// Parses every definition of the shared conformance suite (recorded against real AWS):
/// definitions AWS accepted must parse and survive print → parse unchanged; definitions
/// AWS refused (`expect.createError`) must be refused.
@Suite struct DefinitionConformanceTests {
    struct Case {
        var name: String
        var tags: Set<String>
        var definition: JSON
        var type: StateMachineType
        var createError: String?
        /// AWS's message for a refused definition, when it has AWS's form.
        var awsMessage: String?
    }

    /// `(code, message, location)` of the first diagnostic in an AWS `InvalidDefinition`
    /// message (`…Definition: 'CODE: message at /location'`).
    static func firstDiagnostic(in awsMessage: String) -> (code: String, message: String, location: String)? {
        guard let start = awsMessage.range(of: "Invalid State Machine Definition: '") else { return nil }
        var body = awsMessage[start.upperBound...]
        if body.hasSuffix("'") { body = body.dropLast() }
        guard let colon = body.range(of: ": "), let at = body.range(of: " at /", options: .backwards) else {
            return nil
        }
        let code = String(body[..<colon.lowerBound])
        guard code.allSatisfy({ $0.isUppercase || $0 == "_" }) else { return nil }
        return (code, String(body[colon.upperBound..<at.lowerBound]), String(body[body.index(at.lowerBound, offsetBy: 4)...]))
    }

    /// `<package root>/../shared/conformance/cases`, when this checkout sits beside it.
    static let casesDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/conformance/cases")

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: casesDirectory.path) }

    static func loadCases() throws -> [Case] {
        let files = try FileManager.default.contentsOfDirectory(atPath: casesDirectory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        return try files.map { file in
            let data = try Data(contentsOf: casesDirectory.appendingPathComponent(file))
            let json = try JSON(parsing: data)
            let tags = Set(json["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            return Case(
                name: json["name"]?.stringValue ?? file, tags: tags,
                definition: substitutePlaceholders(json["definition"] ?? .null),
                type: json["type"]?.stringValue == "EXPRESS" ? .express : .standard,
                createError: json["expect"]?["createError"]?.stringValue,
                awsMessage: json["expect"]?["awsMessage"]?.stringValue)
        }
    }

    /// The runner replaces `${ActivityArn:name}` and friends with real ARNs; do the same
    /// with plausible ones.
    static func substitutePlaceholders(_ json: JSON) -> JSON {
        switch json {
        case .string(let s) where s.contains("${"):
            var out = s
            let replacements = [
                "${ActivityArn:": "arn:aws:states:us-east-1:111122223333:activity:",
                "${StateMachineArn:": "arn:aws:states:us-east-1:111122223333:stateMachine:",
                "${QueueArn:": "arn:aws:sqs:us-east-1:111122223333:",
                "${TopicArn:": "arn:aws:sns:us-east-1:111122223333:",
                "${QueueUrl:": "https://sqs.us-east-1.amazonaws.com/111122223333/",
            ]
            for (prefix, arn) in replacements {
                while let range = out.range(of: prefix), let end = out[range.upperBound...].firstIndex(of: "}") {
                    out.replaceSubrange(range.lowerBound...end, with: arn + out[range.upperBound..<end])
                }
            }
            return .string(out)
        case .array(let a): return .array(a.map(substitutePlaceholders))
        case .object(let o): return .object(o.mapValues(substitutePlaceholders))
        default: return json
        }
    }

    /// Codes the skeleton stubs of other parts (intrinsic functions, JSONPath operators)
    /// produce for valid input until those parts are merged.
    static let stubCodes: Set<Diagnostic.Code> = [.invalidIntrinsicFunction, .invalidJSONPath]

    @Test("every conformance definition is accepted or refused as AWS did, and round-trips",
          .enabled(if: isAvailable, "the shared conformance cases are not beside this checkout"))
    func conformanceDefinitions() throws {
        let cases = try Self.loadCases()
        var accepted = 0, refused = 0, sameMessage = 0, jsonata = 0
        var stubBlocked: [String] = [], failures: [String] = []
        for c in cases {
            if c.tags.contains("jsonata") { jsonata += 1 }
            do {
                let machine = try StateMachine(definition: c.definition, type: c.type)
                if c.createError != nil {
                    failures.append("\(c.name): accepted, AWS refused it")
                    continue
                }
                let reparsed = try StateMachine(definition: machine.definitionJSON, type: c.type)
                if reparsed == machine { accepted += 1 } else { failures.append("\(c.name): print → parse differs") }
            } catch {
                if c.createError != nil {
                    refused += 1
                    if let aws = c.awsMessage.flatMap(Self.firstDiagnostic) {
                        let ours = error.diagnostics.first { 
                            $0.code.rawValue == aws.code && ($0.location.isEmpty ? "/" : $0.location) == aws.location
                        }
                        if ours == nil, error.diagnostics.allSatisfy({ Self.stubCodes.contains($0.code) }) {
                            stubBlocked.append("\(c.name): refused by a stub as \(error), AWS: \(aws)")
                        } else if ours == nil {
                            failures.append("\(c.name): refused with \(error), AWS: \(aws)")
                        } else if ours?.message == aws.message {
                            sameMessage += 1
                        } else {
                            print("  wording differs: \(c.name): ours \(ours!.message) / AWS \(aws.message)")
                        }
                    }
                } else if error.diagnostics.allSatisfy({ Self.stubCodes.contains($0.code) }) {
                    stubBlocked.append("\(c.name): \(error.diagnostics.map(\.description))")
                } else {
                    failures.append("\(c.name): \(error)")
                }
            }
        }
        print("Conformance definitions: \(cases.count) cases — \(accepted) accepted and round-tripped, "
              + "\(refused) refused as AWS did (\(sameMessage) with AWS's own code, location and message), "
              + "\(jsonata) of them JSONata, "
              + "\(stubBlocked.count) blocked by the intrinsic/JSONPath skeleton stubs, \(failures.count) wrong")
        for line in stubBlocked { print("  stub-blocked: \(line)") }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(accepted + refused > 0)
    }
}
