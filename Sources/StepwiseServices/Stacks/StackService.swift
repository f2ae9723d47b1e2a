import Foundation
import StepwiseDeploy
import StepwiseEngine
import StepwiseStore
import Synchronization

/// Stacks: SAM / CloudFormation templates applied to this server's own services, as
/// CloudFormation applies them to AWS.
///
/// ``deploy(_:)`` plans the template with StepwiseDeploy and walks the plan front to back,
/// creating each resource through the services' Swift APIs (queues, topics and
/// subscriptions, functions, state machines and activities). Deploying a stack again updates
/// its resources in place (same physical resources, changed properties applied), creates the
/// new ones and then deletes those that left the template. ``delete(stackName:)`` walks the
/// stack back to front.
///
/// Unlike CloudFormation there is no rollback: a resource that fails stops the deploy, the
/// stack is `CREATE_FAILED` / `UPDATE_FAILED` with the resource and the reason, and every
/// resource created so far stays recorded in the stack so that ``delete(stackName:)`` (or a
/// corrected deploy) takes care of it. The stack record is saved after each resource, so even
/// a crash mid-deploy leaves nothing untracked.
public final class StackService: Sendable {
    public let store: any StackStore
    public let engine: Engine
    public let queues: QueueService
    public let topics: TopicService
    public let functions: FunctionService
    public let eventSourceMappings: EventSourceMappings
    /// The server's own URL: queue URLs (what `Ref` gives for a queue) are formed from it.
    public let endpoint: String
    /// Where inline function code (`InlineCode`, `Code.ZipFile`) is written, one folder per
    /// stack; nil: a folder of the temporary directory.
    public let codeDirectory: String?
    /// Stacks with an operation in progress; a second operation on one is refused, as
    /// CloudFormation refuses it.
    let busy = Mutex<Set<String>>([])

    public init(store: any StackStore, engine: Engine, services: LocalServices, endpoint: String,
                codeDirectory: String? = nil) {
        self.store = store
        self.engine = engine
        queues = services.queues
        topics = services.topics
        functions = services.functions
        eventSourceMappings = services.eventSourceMappings
        self.endpoint = endpoint
        self.codeDirectory = codeDirectory
    }

    /// What a deploy is given: CloudFormation's `CreateStack` / `UpdateStack` as a local server
    /// takes them.
    public struct Deployment: Sendable {
        public var stackName: String
        /// The template, YAML or JSON.
        public var templateBody: String
        /// Absolute; `DefinitionUri` and `CodeUri` are read relative to it. Functions keep
        /// running their code from there, so edits are picked up without a deploy.
        public var templateDirectory: String
        /// Parameter overrides (`ParameterKey` → `ParameterValue`).
        public var parameters: [String: String]

        public init(stackName: String, templateBody: String, templateDirectory: String, parameters: [String: String] = [:]) {
            self.stackName = stackName
            self.templateBody = templateBody
            self.templateDirectory = templateDirectory
            self.parameters = parameters
        }
    }

    /// Deploys the template file at `path` in-process (no HTTP): what `stepwise demo` uses.
    /// The stack name defaults to the template's folder name, as `stepwise deploy` does.
    @discardableResult
    public func deploy(templateAt path: String, stackName: String? = nil,
                       parameters: [String: String] = [:]) async throws(StackError) -> StackRecord {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let body: String
        do { body = try String(contentsOf: url, encoding: .utf8) } catch {
            throw StackError(.validation, "Cannot read the template \(url.path): \(error.localizedDescription)")
        }
        let directory = url.deletingLastPathComponent()
        let name = stackName ?? Self.stackName(forFolder: directory.lastPathComponent)
        return try await deploy(Deployment(stackName: name, templateBody: body, templateDirectory: directory.path,
                                           parameters: parameters))
    }

    /// A valid stack name made from a folder's name: letters, digits and hyphens, starting
    /// with a letter (`calling-async-api-callback` stays as it is; `my_app` becomes `my-app`).
    public static func stackName(forFolder folder: String) -> String {
        var name = String(folder.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        while name.first.map({ !$0.isLetter }) ?? false { name.removeFirst() }
        if name.isEmpty { name = "stack" }
        return String(name.prefix(128))
    }

    /// The stack named `name`; `ValidationError` "Stack with id NAME does not exist" when none.
    public func describe(stackName name: String) async throws(StackError) -> StackRecord {
        let found: StackRecord?
        do { found = try await store.stack(named: name) } catch { throw .storage(error) }
        guard let found else { throw .stackNotFound(name) }
        return found
    }

    /// Every stack, by name.
    public func list() async throws(StackError) -> [StackRecord] {
        do { return try await store.listStacks() } catch { throw .storage(error) }
    }

    /// Runs `body` as the only operation on the stack.
    func exclusively<T>(_ name: String, _ body: () async throws(StackError) -> T) async throws(StackError) -> T {
        let taken = busy.withLock { $0.insert(name).inserted }
        guard taken else { throw .busy(name) }
        defer { _ = busy.withLock { $0.remove(name) } }
        return try await body()
    }

    /// CloudFormation's stack name rule.
    static func validate(stackName name: String) throws(StackError) {
        let valid = (1...128).contains(name.count) && name.first.map { $0.isASCII && $0.isLetter } == true
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        guard valid else {
            throw StackError(.validation, "1 validation error detected: Value '\(name)' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*")
        }
    }

    /// The folder that holds a stack's inline function code.
    func codeFolder(stackName: String) -> String {
        let base = codeDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-stacks").path
        return "\(base)/\(stackName)"
    }
}
