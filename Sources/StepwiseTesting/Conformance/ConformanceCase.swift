import Foundation
import StatesLanguage

/// One black-box case recorded against AWS (the format of the shared conformance
/// folder's `cases/*.json`).
public struct ConformanceCase: Sendable {
    public var name: String
    public var tags: Set<String>
    public var type: String
    public var definition: JSON
    public var input: JSON
    public var needsResources: Bool
    public var needsCallbacks: Bool
    public var expect: JSON

    public init(json: JSON, fallbackName: String) {
        name = json["name"]?.stringValue ?? fallbackName
        tags = Set((json["tags"]?.arrayValue ?? []).compactMap(\.stringValue))
        type = json["type"]?.stringValue ?? "STANDARD"
        definition = json["definition"] ?? .null
        input = json["input"] ?? .object([:])
        needsResources = json["resources"] != nil
        needsCallbacks = json["callbacks"] != nil
        expect = json["expect"] ?? .object([:])
    }

    /// Loads every `*.json` case in `directory`, sorted by name.
    public static func load(from directory: URL) throws -> [ConformanceCase] {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        return try files.map { url in
            let json = try JSON(parsing: try Data(contentsOf: url))
            return ConformanceCase(json: json, fallbackName: url.deletingPathExtension().lastPathComponent)
        }.sorted { $0.name < $1.name }
    }

    /// Whether the in-memory runner can play this case: no queues, topics, activities or
    /// child state machines, no worker callbacks (JSONPath and JSONata alike).
    public var runsInMemory: Bool {
        !needsResources && !needsCallbacks
    }
}
