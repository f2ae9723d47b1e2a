import Foundation
import StatesLanguage
@testable import StepwiseDeploy

/// Files held in memory, keyed by absolute path; directories are the paths listed in `directories`.
struct InMemoryFileSystem: TemplateFileSystem {
    var files: [String: String] = [:]
    var directories: Set<String> = []

    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "no such file" }
    }

    func readText(atPath path: String) throws -> String {
        guard let text = files[path] else { throw Missing(path: path) }
        return text
    }

    func kind(ofItemAt path: String) -> FileKind? {
        if directories.contains(path) { return .directory }
        return files[path] == nil ? nil : .file
    }
}

enum Fixture {
    static let configuration = DeploymentConfiguration(stackName: "demo")

    /// Plans a template text held at /stack/template.yaml, with `files` beside it.
    static func plan(_ text: String, files: [String: String] = [:], directories: Set<String> = [],
                     overrides: [String: String] = [:]) throws -> DeploymentPlan {
        var fileSystem = InMemoryFileSystem(files: files, directories: directories)
        fileSystem.files["/stack/template.yaml"] = text
        let planner = DeploymentPlanner(configuration: configuration, fileSystem: fileSystem)
        return try planner.plan(templateAt: "/stack/template.yaml", parameterOverrides: overrides)
    }

    /// The error planning `text` throws, or nil.
    static func planError(_ text: String, files: [String: String] = [:], overrides: [String: String] = [:]) -> TemplateError? {
        do {
            _ = try plan(text, files: files, overrides: overrides)
            return nil
        } catch let error as TemplateError {
            return error
        } catch {
            return nil
        }
    }

    /// A minimal valid definition.
    static let passDefinition = #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#
}

extension DeploymentPlan {
    var queues: [QueuePlan] { entries.compactMap { if case .queue(let p) = $0 { p } else { nil } } }
    var topics: [TopicPlan] { entries.compactMap { if case .topic(let p) = $0 { p } else { nil } } }
    var subscriptions: [SubscriptionPlan] { entries.compactMap { if case .subscription(let p) = $0 { p } else { nil } } }
    var stateMachines: [StateMachinePlan] { entries.compactMap { if case .stateMachine(let p) = $0 { p } else { nil } } }
    var functions: [FunctionPlan] { entries.compactMap { if case .function(let p) = $0 { p } else { nil } } }
    var mappings: [EventSourceMappingPlan] { entries.compactMap { if case .eventSourceMapping(let p) = $0 { p } else { nil } } }
    var activities: [ActivityPlan] { entries.compactMap { if case .activity(let p) = $0 { p } else { nil } } }
    func output(_ name: String) -> String? { outputs.first { $0.name == name }?.value }
}
