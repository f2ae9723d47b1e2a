import Foundation

/// An execution's status, as AWS names it.
public enum ExecutionStatus: String, Sendable, Codable, CaseIterable {
    case running = "RUNNING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case timedOut = "TIMED_OUT"
    case aborted = "ABORTED"
    case pendingRedrive = "PENDING_REDRIVE"
}

/// STANDARD or EXPRESS.
public enum StateMachineType: String, Sendable, Codable {
    case standard = "STANDARD"
    case express = "EXPRESS"
}

/// A state machine as stored: its latest revision (published versions are
/// ``StateMachineVersionRecord``s).
public struct StateMachineRecord: Sendable, Equatable {
    public var arn: String
    public var name: String
    public var type: StateMachineType
    /// The definition text exactly as given.
    public var definition: String
    public var roleArn: String
    public var description: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var revisionID: String
    /// `loggingConfiguration`, `tracingConfiguration`, … kept as JSON text for the API.
    public var loggingConfiguration: String?
    public var tracingConfiguration: String?

    public init(arn: String, name: String, type: StateMachineType, definition: String, roleArn: String,
                description: String? = nil, createdAt: Date, updatedAt: Date, revisionID: String,
                loggingConfiguration: String? = nil, tracingConfiguration: String? = nil) {
        self.arn = arn
        self.name = name
        self.type = type
        self.definition = definition
        self.roleArn = roleArn
        self.description = description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.revisionID = revisionID
        self.loggingConfiguration = loggingConfiguration
        self.tracingConfiguration = tracingConfiguration
    }
}

/// An execution as stored.
public struct ExecutionRecord: Sendable, Equatable {
    public var arn: String
    public var stateMachineArn: String
    public var name: String
    public var status: ExecutionStatus
    /// Input and output as JSON text.
    public var input: String
    public var output: String?
    public var error: String?
    public var cause: String?
    public var startDate: Date
    public var stopDate: Date?
    /// The execution that started this one (`states:startExecution`), if any, and the
    /// ticket of its Task that waits for this one (`.sync`).
    public var parentExecutionArn: String?
    public var parentTicket: Int?
    public var redriveCount: Int
    /// When it was last redriven (nil until it is).
    public var redriveDate: Date?
    /// The version it runs, when started through a version or an alias (`…:NAME:N`).
    public var stateMachineVersionArn: String?
    /// The alias it was started through, if any.
    public var stateMachineAliasArn: String?
    /// The definition the execution runs (see ``Store/saveDefinition(id:text:)``): an
    /// execution keeps the definition it started with, whatever updates come later.
    public var definitionID: String

    public init(arn: String, stateMachineArn: String, name: String, status: ExecutionStatus = .running,
                input: String, output: String? = nil, error: String? = nil, cause: String? = nil,
                startDate: Date, stopDate: Date? = nil, parentExecutionArn: String? = nil, parentTicket: Int? = nil,
                redriveCount: Int = 0, definitionID: String = "", redriveDate: Date? = nil,
                stateMachineVersionArn: String? = nil, stateMachineAliasArn: String? = nil) {
        self.arn = arn
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.status = status
        self.input = input
        self.output = output
        self.error = error
        self.cause = cause
        self.startDate = startDate
        self.stopDate = stopDate
        self.parentExecutionArn = parentExecutionArn
        self.parentTicket = parentTicket
        self.definitionID = definitionID
        self.redriveCount = redriveCount
        self.redriveDate = redriveDate
        self.stateMachineVersionArn = stateMachineVersionArn
        self.stateMachineAliasArn = stateMachineAliasArn
    }
}

/// One history event as stored: the engine's event, its details as JSON text.
public struct HistoryRecord: Sendable, Equatable {
    public var eventID: Int
    public var previousEventID: Int
    public var timestamp: Date
    public var type: String
    /// The `…EventDetails` member name and its JSON text (nil when the type has none).
    public var detailsKey: String?
    public var details: String?

    public init(eventID: Int, previousEventID: Int, timestamp: Date, type: String, detailsKey: String?, details: String?) {
        self.eventID = eventID
        self.previousEventID = previousEventID
        self.timestamp = timestamp
        self.type = type
        self.detailsKey = detailsKey
        self.details = details
    }

    /// The members of an event's details that are the execution's data: what
    /// `includeExecutionData: false` leaves out, in GetExecutionHistory as in execution logs
    /// (inputs, outputs and the values of assigned variables; their `…Details` siblings stay).
    public static let executionDataMembers: Set<String> = ["input", "output", "assignedVariables"]
}

/// An event waiting to be fed to an execution's interpreter (a task outcome, a fired
/// timer, a stop request), as the engine serialized it.
public struct InboxEntry: Sendable, Equatable {
    /// Store-assigned, increasing: the order events are fed in.
    public var id: Int64
    public var payload: String

    public init(id: Int64, payload: String) {
        self.id = id
        self.payload = payload
    }
}

/// A task token's row. The token text handed out is signed by the engine; the store
/// keys tokens by their random id only.
public struct TokenRecord: Sendable, Equatable {
    public var tokenID: String
    public var executionArn: String
    public var ticket: Int
    public var createdAt: Date
    /// When an activity will run the task: its ARN (GetActivityTask hands it out).
    public var activityArn: String?
    /// The task's input as JSON text (what an activity worker receives).
    public var input: String?
    /// `HeartbeatSeconds`: each heartbeat moves the token's heartbeat timer to now + this.
    public var heartbeatSeconds: Int?
    /// The signed token text handed out (GetActivityTask returns it).
    public var token: String

    public init(tokenID: String, token: String, executionArn: String, ticket: Int, createdAt: Date,
                activityArn: String? = nil, input: String? = nil, heartbeatSeconds: Int? = nil) {
        self.tokenID = tokenID
        self.token = token
        self.executionArn = executionArn
        self.ticket = ticket
        self.createdAt = createdAt
        self.activityArn = activityArn
        self.input = input
        self.heartbeatSeconds = heartbeatSeconds
    }
}

/// A durable timer: when due, its payload goes to the execution's inbox (and, for a task
/// timeout, the token named closes).
public struct TimerRecord: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Wait states, retry back-offs, the execution's TimeoutSeconds.
        case interpreter
        /// A Task's TimeoutSeconds.
        case taskTimeout
        /// A Task's HeartbeatSeconds: pushed back by each heartbeat.
        case heartbeat
    }

    public var executionArn: String
    public var ticket: Int
    public var kind: Kind
    public var dueAt: Date
    public var payload: String
    /// Closed together with the firing (task and heartbeat timeouts).
    public var tokenID: String?

    public init(executionArn: String, ticket: Int, kind: Kind, dueAt: Date, payload: String, tokenID: String? = nil) {
        self.executionArn = executionArn
        self.ticket = ticket
        self.kind = kind
        self.dueAt = dueAt
        self.payload = payload
        self.tokenID = tokenID
    }
}

/// Outside work to perform after commit (an integration call), at least once.
public struct DispatchRecord: Sendable, Equatable {
    /// Store-assigned.
    public var id: Int64
    public var executionArn: String
    public var ticket: Int
    public var payload: String

    public init(id: Int64 = 0, executionArn: String, ticket: Int, payload: String) {
        self.id = id
        self.executionArn = executionArn
        self.ticket = ticket
        self.payload = payload
    }
}

/// An activity.
public struct ActivityRecord: Sendable, Equatable {
    public var arn: String
    public var name: String
    public var createdAt: Date

    public init(arn: String, name: String, createdAt: Date) {
        self.arn = arn
        self.name = name
        self.createdAt = createdAt
    }
}

/// A page of a listing and the cursor to the next one.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Opaque; nil on the last page.
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
