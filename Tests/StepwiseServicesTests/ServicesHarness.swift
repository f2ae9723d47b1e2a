import Foundation
import StepwiseEngine
import StepwiseServices
import StepwiseStoreSQLite
import Testing

/// Queues and topics on a fresh SQLite file and a virtual clock.
struct ServicesHarness {
    let store: SQLiteStore
    let clock: VirtualClock
    let queues: QueueService
    let topics: TopicService
    static let base = "http://127.0.0.1:8083"

    init() throws {
        store = try SQLiteStore.temporary()
        clock = VirtualClock()
        queues = QueueService(store: store, clock: clock)
        topics = TopicService(store: store, queues: queues, clock: clock, endpoint: Self.base)
    }

    var sqs: SQSHandler { SQSHandler(service: queues, baseURL: Self.base) }
    var sns: SNSHandler { SNSHandler(service: topics) }

    func url(_ name: String) -> String { queues.url(ofQueue: name, base: Self.base) }

    /// One SQS JSON call; the decoded body and the response.
    func sqsCall(_ operation: String, _ body: String) async -> (status: Int, json: [String: Any], headers: [String: String]) {
        let response = await sqs.handle(ServiceRequest(
            method: "POST", path: "/", headers: ["X-Amz-Target": "AmazonSQS.\(operation)", "Content-Type": "application/x-amz-json-1.0"],
            body: Array(body.utf8)))
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return (response.status, json, response.headers)
    }

    /// One SNS query call; the XML text and the status.
    func snsCall(_ parameters: [(String, String)]) async -> (status: Int, xml: String) {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = parameters.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(separator: "&")
        let response = await sns.handle(ServiceRequest(
            method: "POST", path: "/", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(body.utf8)))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    func tearDown() { try? store.removeFiles() }

    /// Polls in real time until `condition` holds: usually at once; the generous bound only
    /// matters on a loaded machine, where a task can wait seconds to be scheduled.
    static func eventually(_ what: String, seconds: Double = 30, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        Issue.record("timed out waiting for \(what)")
    }
}

/// The text between `<name>` and `</name>` (the first one).
func xmlValue(_ xml: String, _ name: String) -> String? {
    guard let start = xml.range(of: "<\(name)>"), let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex) else { return nil }
    return String(xml[start.upperBound..<end.lowerBound])
}
