import Foundation
import StepwiseEngine
import StepwiseStore
import Synchronization

/// Lambda's event source mappings for local SQS queues: which queue feeds which function,
/// kept in the store, and the pollers that hand the queue's messages to the function in
/// batches (see ``run()``).
///
/// The public methods are Lambda's CreateEventSourceMapping, GetEventSourceMapping,
/// UpdateEventSourceMapping, DeleteEventSourceMapping and ListEventSourceMappings, with
/// Lambda's validation and error names; `aws lambda …-event-source-mapping` reaches them
/// through ``LambdaAPI``, and deploy calls them directly.
public final class EventSourceMappings: Sendable {
    public let store: any EventSourceMappingStore
    public let functions: FunctionService
    public let queues: QueueService
    let clock: any EngineClock
    /// Most batches of one mapping handed to the function at once (further bounded by the
    /// function's reserved concurrency).
    let batchesInFlight: Int
    /// Raised (and replaced) whenever a mapping changes, so that ``run()`` re-reads them.
    let changes = Mutex(Signal())
    /// How many pollers run per mapping UUID (briefly two while an updated mapping's poller
    /// replaces the old one); tests wait on it.
    let polling = Mutex<[String: Int]>([:])

    public init(store: any EventSourceMappingStore, functions: FunctionService, queues: QueueService,
                clock: any EngineClock, batchesInFlight: Int = 5) {
        self.store = store
        self.functions = functions
        self.queues = queues
        self.clock = clock
        self.batchesInFlight = max(1, batchesInFlight)
    }

    /// `arn:aws:lambda:REGION:ACCOUNT:event-source-mapping:UUID`
    public func arn(ofMapping uuid: String) -> String {
        "arn:aws:lambda:\(functions.configuration.region):\(functions.configuration.account):event-source-mapping:\(uuid)"
    }

    // MARK: Lambda's API

    /// CreateEventSourceMapping: the function must exist, the source must be an existing
    /// queue whose visibility timeout is at least the function's timeout, and the pair must
    /// not be mapped already (`ResourceConflictException`). Polling starts at once when
    /// enabled (Lambda reports the new mapping as `Creating`).
    @discardableResult
    public func createEventSourceMapping(_ request: EventSourceMappingRequest) async throws(LambdaError) -> EventSourceMappingRecord {
        guard let source = request.eventSourceArn else {
            throw LambdaError(.invalidParameterValue, "Unrecognized event source, must be kinesis, dynamodb stream or sqs. (Stepwise maps SQS queues only.)")
        }
        let function = try await functions.function(named: request.functionName)
        let record = EventSourceMappingRecord(
            uuid: RandomBytes.uuidString(), functionArn: function.arn, eventSourceArn: source,
            batchSize: request.batchSize ?? 10,
            maximumBatchingWindowInSeconds: request.maximumBatchingWindowInSeconds ?? 0,
            enabled: request.enabled ?? true, functionResponseTypes: request.functionResponseTypes ?? [],
            filterCriteria: request.filterCriteria.flatMap { $0.isEmpty ? nil : $0 }, lastModified: clock.now())
        try await validate(record, function: function)
        if let existing = try await storing({ try await self.store.listEventSourceMappings(
            functionArn: function.arn, eventSourceArn: source, limit: 1, cursor: nil) }).items.first {
            throw Self.conflict(existing, functionName: function.name)
        }
        do {
            try await store.createEventSourceMapping(record)
        } catch StoreError.alreadyExists {
            throw LambdaError(.resourceConflict, "An event source mapping with SQS arn (\" \(source) \") and function (\" \(function.name) \") already exists.")
        } catch {
            throw LambdaError(.service, "\(error)")
        }
        mappingsChanged()
        return record
    }

    /// GetEventSourceMapping.
    public func eventSourceMapping(uuid: String) async throws(LambdaError) -> EventSourceMappingRecord {
        guard let found = try await storing({ try await self.store.eventSourceMapping(uuid: uuid) }) else {
            throw Self.mappingNotFound
        }
        return found
    }

    /// UpdateEventSourceMapping: only the members given change; the result is validated as
    /// a new mapping would be. Disabling stops the polling after the batches in flight.
    @discardableResult
    public func updateEventSourceMapping(uuid: String, _ update: EventSourceMappingUpdate) async throws(LambdaError) -> EventSourceMappingRecord {
        var record = try await eventSourceMapping(uuid: uuid)
        let function = try await functions.function(named: update.functionName ?? record.functionArn)
        record.functionArn = function.arn
        if let value = update.batchSize { record.batchSize = value }
        if let value = update.maximumBatchingWindowInSeconds { record.maximumBatchingWindowInSeconds = value }
        if let value = update.enabled { record.enabled = value }
        if let value = update.functionResponseTypes { record.functionResponseTypes = value }
        if let value = update.filterCriteria { record.filterCriteria = value.isEmpty ? nil : value }
        record.lastModified = clock.now()
        try await validate(record, function: function)
        let updated = record
        do {
            try await store.updateEventSourceMapping(updated)
        } catch StoreError.notFound {
            throw Self.mappingNotFound
        } catch StoreError.alreadyExists {
            throw LambdaError(.resourceConflict, "An event source mapping with SQS arn (\" \(record.eventSourceArn) \") and function (\" \(function.name) \") already exists.")
        } catch {
            throw LambdaError(.service, "\(error)")
        }
        mappingsChanged()
        return updated
    }

    /// DeleteEventSourceMapping: the mapping goes at once; its poller finishes the batches
    /// in flight (Lambda reports the mapping as `Deleting`). Returns the deleted mapping.
    @discardableResult
    public func deleteEventSourceMapping(uuid: String) async throws(LambdaError) -> EventSourceMappingRecord {
        let record = try await eventSourceMapping(uuid: uuid)
        guard try await storing({ try await self.store.deleteEventSourceMapping(uuid: uuid) }) else { throw Self.mappingNotFound }
        mappingsChanged()
        return record
    }

    /// ListEventSourceMappings: in creation order, of one function (name or ARN) and/or one
    /// event source; `marker` is a previous page's `NextMarker`.
    public func listEventSourceMappings(functionName: String? = nil, eventSourceArn: String? = nil, limit: Int = 100,
                                        marker: String? = nil) async throws(LambdaError) -> Page<EventSourceMappingRecord> {
        guard (1...10_000).contains(limit) else {
            throw LambdaError(.invalidParameterValue, "1 validation error detected: Value '\(limit)' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000")
        }
        let functionArn = functionName.map { functions.arn(FunctionService.functionName($0)) }
        do {
            return try await store.listEventSourceMappings(functionArn: functionArn, eventSourceArn: eventSourceArn,
                                                           limit: limit, cursor: marker)
        } catch StoreError.invalidCursor {
            throw LambdaError(.invalidParameterValue, "Invalid Marker.")
        } catch {
            throw LambdaError(.service, "\(error)")
        }
    }

    /// Creates the mapping of `request`'s function and queue, or updates the one there is
    /// (how deploy applies a template again).
    @discardableResult
    public func putEventSourceMapping(_ request: EventSourceMappingRequest) async throws(LambdaError) -> EventSourceMappingRecord {
        let existing = try await listEventSourceMappings(functionName: request.functionName, eventSourceArn: request.eventSourceArn, limit: 1)
        guard let mapping = existing.items.first, request.eventSourceArn != nil else {
            return try await createEventSourceMapping(request)
        }
        return try await updateEventSourceMapping(uuid: mapping.uuid, EventSourceMappingUpdate(
            batchSize: request.batchSize ?? 10, maximumBatchingWindowInSeconds: request.maximumBatchingWindowInSeconds ?? 0,
            enabled: request.enabled ?? true, functionResponseTypes: request.functionResponseTypes ?? [],
            filterCriteria: request.filterCriteria ?? ""))
    }

    // MARK: Helpers

    static let mappingNotFound = LambdaError(.resourceNotFound, "The resource you requested does not exist.")

    static func conflict(_ existing: EventSourceMappingRecord, functionName: String) -> LambdaError {
        LambdaError(.resourceConflict, "An event source mapping with SQS arn (\" \(existing.eventSourceArn) \") and function (\" \(functionName) \") already exists. Please update or delete the existing mapping with UUID \(existing.uuid)")
    }

    /// Wakes ``run()`` to re-read the mappings.
    func mappingsChanged() {
        let old = changes.withLock { current in
            defer { current = Signal() }
            return current
        }
        old.raise()
    }

    func storing<T: Sendable>(_ body: @Sendable () async throws -> T) async throws(LambdaError) -> T {
        do { return try await body() } catch { throw LambdaError(.service, "\(error)") }
    }
}

/// CreateEventSourceMapping's members that apply to SQS sources (nil: Lambda's default).
public struct EventSourceMappingRequest: Sendable {
    /// A function's name or ARN.
    public var functionName: String
    /// The queue's ARN.
    public var eventSourceArn: String?
    public var batchSize: Int?
    public var maximumBatchingWindowInSeconds: Int?
    public var enabled: Bool?
    public var functionResponseTypes: [String]?
    /// Lambda's `FilterCriteria` as JSON text (kept and reported).
    public var filterCriteria: String?

    public init(functionName: String, eventSourceArn: String?, batchSize: Int? = nil, maximumBatchingWindowInSeconds: Int? = nil,
                enabled: Bool? = nil, functionResponseTypes: [String]? = nil, filterCriteria: String? = nil) {
        self.functionName = functionName
        self.eventSourceArn = eventSourceArn
        self.batchSize = batchSize
        self.maximumBatchingWindowInSeconds = maximumBatchingWindowInSeconds
        self.enabled = enabled
        self.functionResponseTypes = functionResponseTypes
        self.filterCriteria = filterCriteria
    }
}

/// UpdateEventSourceMapping's members (nil: unchanged; an empty `filterCriteria` removes it).
public struct EventSourceMappingUpdate: Sendable {
    public var functionName: String?
    public var batchSize: Int?
    public var maximumBatchingWindowInSeconds: Int?
    public var enabled: Bool?
    public var functionResponseTypes: [String]?
    public var filterCriteria: String?

    public init(functionName: String? = nil, batchSize: Int? = nil, maximumBatchingWindowInSeconds: Int? = nil,
                enabled: Bool? = nil, functionResponseTypes: [String]? = nil, filterCriteria: String? = nil) {
        self.functionName = functionName
        self.batchSize = batchSize
        self.maximumBatchingWindowInSeconds = maximumBatchingWindowInSeconds
        self.enabled = enabled
        self.functionResponseTypes = functionResponseTypes
        self.filterCriteria = filterCriteria
    }
}
