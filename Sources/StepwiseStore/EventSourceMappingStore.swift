import Foundation

/// A Lambda event source mapping: a queue whose messages are handed to a function in
/// batches (what Lambda's CreateEventSourceMapping records for an SQS source).
public struct EventSourceMappingRecord: Sendable, Equatable {
    /// Lambda's `UUID`, the mapping's identity.
    public var uuid: String
    /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME`
    public var functionArn: String
    /// `arn:aws:sqs:REGION:ACCOUNT:QUEUE`
    public var eventSourceArn: String
    /// Most records per invocation (Lambda: 1…10,000, default 10).
    public var batchSize: Int
    /// Seconds spent gathering a batch before invoking (Lambda: 0…300).
    public var maximumBatchingWindowInSeconds: Int
    /// False: the mapping is kept but does not poll (Lambda's `Enabled`).
    public var enabled: Bool
    /// `["ReportBatchItemFailures"]` or empty.
    public var functionResponseTypes: [String]
    /// Lambda's `FilterCriteria` as JSON text (nil: none).
    public var filterCriteria: String?
    public var lastModified: Date

    public init(uuid: String, functionArn: String, eventSourceArn: String, batchSize: Int = 10,
                maximumBatchingWindowInSeconds: Int = 0, enabled: Bool = true, functionResponseTypes: [String] = [],
                filterCriteria: String? = nil, lastModified: Date) {
        self.uuid = uuid
        self.functionArn = functionArn
        self.eventSourceArn = eventSourceArn
        self.batchSize = batchSize
        self.maximumBatchingWindowInSeconds = maximumBatchingWindowInSeconds
        self.enabled = enabled
        self.functionResponseTypes = functionResponseTypes
        self.filterCriteria = filterCriteria
        self.lastModified = lastModified
    }
}

/// Where event source mappings are kept. Durability: every method that returns has committed.
public protocol EventSourceMappingStore: Sendable {
    /// Fails with ``StoreError/alreadyExists`` when the UUID is taken, or when a mapping of
    /// the same function and event source exists (Lambda allows one per pair).
    func createEventSourceMapping(_ record: EventSourceMappingRecord) async throws
    func eventSourceMapping(uuid: String) async throws -> EventSourceMappingRecord?
    /// Replaces the mapping with the same UUID; fails with ``StoreError/notFound``.
    func updateEventSourceMapping(_ record: EventSourceMappingRecord) async throws
    /// Returns false when there was no such mapping.
    @discardableResult func deleteEventSourceMapping(uuid: String) async throws -> Bool
    /// In creation order, optionally only those of one function and/or one event source.
    func listEventSourceMappings(functionArn: String?, eventSourceArn: String?, limit: Int,
                                 cursor: String?) async throws -> Page<EventSourceMappingRecord>
}
