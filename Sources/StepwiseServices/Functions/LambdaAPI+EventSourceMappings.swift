import Foundation
import StatesLanguage
import StepwiseStore

/// Lambda's event source mapping operations: CreateEventSourceMapping
/// (`POST /2015-03-31/event-source-mappings/`), GetEventSourceMapping (`GET …/{UUID}`),
/// UpdateEventSourceMapping (`PUT …/{UUID}`), DeleteEventSourceMapping (`DELETE …/{UUID}`)
/// and ListEventSourceMappings (`GET …/?FunctionName=&EventSourceArn=&Marker=&MaxItems=`).
extension LambdaAPI {
    func handleEventSourceMappings(_ request: ServiceRequest, segments: [String], mappings: EventSourceMappings) async -> ServiceResponse {
        do throws(LambdaError) {
            switch (request.method, segments.count) {
            case ("POST", 2):
                let record = try await mappings.createEventSourceMapping(try Self.mappingRequest(request.body))
                return Self.json(202, Self.mapping(record, state: "Creating", arn: mappings.arn(ofMapping: record.uuid)))
            case ("GET", 2):
                var limit = 100
                if let text = request.query["MaxItems"] {
                    guard let value = Int(text) else {
                        throw LambdaError(.invalidParameterValue, "1 validation error detected: Value '\(text)' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000")
                    }
                    limit = value
                }
                let page = try await mappings.listEventSourceMappings(
                    functionName: request.query["FunctionName"], eventSourceArn: request.query["EventSourceArn"],
                    limit: limit, marker: request.query["Marker"])
                var answer: JSONObject = ["EventSourceMappings": .array(page.items.map {
                    Self.mapping($0, state: nil, arn: mappings.arn(ofMapping: $0.uuid))
                })]
                if let next = page.nextCursor { answer["NextMarker"] = .string(next) }
                return Self.json(200, .object(answer))
            case ("GET", 3):
                let record = try await mappings.eventSourceMapping(uuid: segments[2])
                return Self.json(200, Self.mapping(record, state: nil, arn: mappings.arn(ofMapping: record.uuid)))
            case ("PUT", 3):
                let before = try await mappings.eventSourceMapping(uuid: segments[2])
                let record = try await mappings.updateEventSourceMapping(uuid: segments[2], try Self.mappingUpdate(request.body))
                let state = record.enabled == before.enabled ? "Updating" : record.enabled ? "Enabling" : "Disabling"
                return Self.json(202, Self.mapping(record, state: state, arn: mappings.arn(ofMapping: record.uuid)))
            case ("DELETE", 3):
                let record = try await mappings.deleteEventSourceMapping(uuid: segments[2])
                return Self.json(202, Self.mapping(record, state: "Deleting", arn: mappings.arn(ofMapping: record.uuid)))
            default:
                return Self.error(LambdaError(Self.unknownOperation, "No Lambda operation at \(request.method) \(request.path)."))
            }
        } catch {
            return Self.error(error)
        }
    }

    /// Lambda's `EventSourceMappingConfiguration`; `state` overrides the settled
    /// `Enabled`/`Disabled` while an operation is under way, as Lambda reports it.
    static func mapping(_ record: EventSourceMappingRecord, state: String?, arn: String) -> JSON {
        var answer: JSONObject = [
            "UUID": .string(record.uuid), "BatchSize": .int(record.batchSize),
            "MaximumBatchingWindowInSeconds": .int(record.maximumBatchingWindowInSeconds),
            "EventSourceArn": .string(record.eventSourceArn), "FunctionArn": .string(record.functionArn),
            "LastModified": .number(.double(record.lastModified.timeIntervalSince1970)),
            "State": .string(state ?? (record.enabled ? "Enabled" : "Disabled")),
            "StateTransitionReason": "USER_INITIATED",
        ]
        if let text = record.filterCriteria, let criteria = try? JSON(parsing: text) { answer["FilterCriteria"] = criteria }
        answer["FunctionResponseTypes"] = .array(record.functionResponseTypes.map { .string($0) })
        answer["EventSourceMappingArn"] = .string(arn)
        return .object(answer)
    }

    private static func mappingRequest(_ bytes: [UInt8]) throws(LambdaError) -> EventSourceMappingRequest {
        let body = try mappingBody(bytes)
        guard let function = body["FunctionName"]?.stringValue, !function.isEmpty else {
            throw LambdaError(.invalidParameterValue, "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null")
        }
        let update = try mappingUpdate(body)
        return EventSourceMappingRequest(
            functionName: function, eventSourceArn: try string(body, "EventSourceArn"), batchSize: update.batchSize,
            maximumBatchingWindowInSeconds: update.maximumBatchingWindowInSeconds, enabled: update.enabled,
            functionResponseTypes: update.functionResponseTypes, filterCriteria: update.filterCriteria)
    }

    private static func mappingUpdate(_ bytes: [UInt8]) throws(LambdaError) -> EventSourceMappingUpdate {
        try mappingUpdate(try mappingBody(bytes))
    }

    private static func mappingUpdate(_ body: JSON) throws(LambdaError) -> EventSourceMappingUpdate {
        var update = EventSourceMappingUpdate(functionName: try string(body, "FunctionName"))
        update.batchSize = try integer(body, "BatchSize")
        update.maximumBatchingWindowInSeconds = try integer(body, "MaximumBatchingWindowInSeconds")
        if let enabled = body["Enabled"], !enabled.isNull {
            guard let value = enabled.boolValue else { throw invalidType("Enabled") }
            update.enabled = value
        }
        if let types = body["FunctionResponseTypes"], !types.isNull {
            guard let list = types.arrayValue?.compactMap(\.stringValue), list.count == types.arrayValue?.count else {
                throw invalidType("FunctionResponseTypes")
            }
            update.functionResponseTypes = list
        }
        if let criteria = body["FilterCriteria"], !criteria.isNull {
            guard criteria.objectValue != nil else { throw invalidType("FilterCriteria") }
            // An empty FilterCriteria removes the filters, as in Lambda's UpdateEventSourceMapping.
            let filters = criteria["Filters"]?.arrayValue ?? []
            update.filterCriteria = filters.isEmpty ? "" : criteria.serialized
        }
        return update
    }

    private static func mappingBody(_ bytes: [UInt8]) throws(LambdaError) -> JSON {
        if bytes.isEmpty { return [:] }
        guard let body = try? JSON(parsing: bytes), body.objectValue != nil else {
            throw LambdaError(.invalidRequestContent, "Could not parse request body into json.")
        }
        return body
    }

    private static func string(_ body: JSON, _ member: String) throws(LambdaError) -> String? {
        guard let value = body[member], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw invalidType(member) }
        return text
    }

    private static func integer(_ body: JSON, _ member: String) throws(LambdaError) -> Int? {
        guard let value = body[member], !value.isNull else { return nil }
        guard let number = value.intValue else { throw invalidType(member) }
        return number
    }

    private static func invalidType(_ member: String) -> LambdaError {
        LambdaError(.invalidParameterValue, "Invalid type for parameter \(member).")
    }
}
