import Foundation
import StatesLanguage
import Synchronization

/// The load: starters, queue workers and the resume sampler.
extension CallbackRig {
    /// Starts executions `0..<count` from `concurrency` tasks, as fast as they can or paced
    /// to `rate` starts/s in total (open loop: start i is due at i / rate).
    func startAll(_ ledger: CallbackLedger, range: Range<Int>, concurrency: Int, rate: Double?) async {
        let next = Counter(range.lowerBound)
        let clock = ContinuousClock()
        let began = clock.now
        await withDiscardingTaskGroup { group in
            for _ in 0..<max(1, min(concurrency, range.count)) {
                group.addTask {
                    while !ledger.isStopped {
                        let seq = next.take()
                        guard seq < range.upperBound else { return }
                        if let rate, rate > 0 {
                            try? await Task.sleep(until: began + .seconds(Double(seq - range.lowerBound) / rate), clock: clock)
                        }
                        do { ledger.started(seq, arn: try await startExecution(seq)) } catch { ledger.record(error) }
                    }
                }
            }
        }
    }

    /// One queue worker: ReceiveMessage (long poll, up to 10) → SendTaskSuccess for each
    /// message (concurrently) → one DeleteMessageBatch, until the ledger stops. Messages
    /// whose SendTaskSuccess failed (other than a dead token) are left to reappear.
    func work(_ ledger: CallbackLedger, sampler: AsyncStream<(arn: String, after: ContinuousClock.Instant)>.Continuation?,
              sampleEvery: Int) async {
        while !ledger.isStopped {
            let received: JSON
            do {
                received = try await client.call(.sqs, "ReceiveMessage", [
                    "QueueUrl": .string(queueURL), "MaxNumberOfMessages": 10, "WaitTimeSeconds": 1,
                ])
            } catch {
                ledger.record(error)
                try? await Task.sleep(for: .milliseconds(200))
                continue
            }
            let messages = received["Messages"]?.arrayValue ?? []
            let handles = await withTaskGroup(of: String?.self) { group in
                for message in messages {
                    group.addTask { await handle(message, ledger, sampler: sampler, sampleEvery: sampleEvery) }
                }
                var handles: [String] = []
                for await handle in group { if let handle { handles.append(handle) } }
                return handles
            }
            guard !handles.isEmpty else { continue }
            let entries: [JSON] = handles.enumerated().map { ["Id": .string(String($0.offset)), "ReceiptHandle": .string($0.element)] }
            do {
                _ = try await client.call(.sqs, "DeleteMessageBatch", ["QueueUrl": .string(queueURL), "Entries": .array(entries)])
            } catch {
                ledger.record(error)
            }
        }
    }

    /// SendTaskSuccess for one message; its receipt handle when it is done with.
    private func handle(_ message: JSON, _ ledger: CallbackLedger,
                        sampler: AsyncStream<(arn: String, after: ContinuousClock.Instant)>.Continuation?,
                        sampleEvery: Int) async -> String? {
        guard let receipt = message["ReceiptHandle"]?.stringValue else { return nil }
        guard let body = message["Body"]?.stringValue.flatMap({ try? JSON(parsing: $0) }),
              let token = body["TaskToken"]?.stringValue else {
            ledger.record(AWSBenchError(operation: "ReceiveMessage", code: "UnexpectedBody", status: 200,
                                        message: String((message["Body"]?.stringValue ?? "").prefix(200))))
            return receipt
        }
        let seq = body["Seq"]?.intValue
        do {
            _ = try await client.call(.stepFunctions, "SendTaskSuccess", ["taskToken": .string(token), "output": .string(Self.callbackOutput)])
        } catch {
            if error.isDeadToken { ledger.deadToken(); return receipt }
            ledger.record(error)
            return nil
        }
        let returned = ContinuousClock.now
        let first = ledger.callbackReturned(seq, at: Date().timeIntervalSince1970)
        if first, let sampler, let seq, seq % sampleEvery == 0, let arn = ledger.state.withLock({ $0.arns[seq] }) {
            sampler.yield((arn, returned))
        }
        return receipt
    }

    /// Resume latency as sfn_bench.py's `resume_polled` measures it: from SendTaskSuccess's
    /// return to the first DescribeExecution that is no longer RUNNING, polled every 2 ms.
    func sample(_ samples: AsyncStream<(arn: String, after: ContinuousClock.Instant)>, _ ledger: CallbackLedger) async {
        for await (arn, after) in samples {
            while !ledger.isStopped {
                let answer: JSON
                do { answer = try await client.call(.stepFunctions, "DescribeExecution", ["executionArn": .string(arn)]) } catch {
                    ledger.record(error)
                    break
                }
                if answer["status"]?.stringValue != "RUNNING" {
                    ledger.resumePolled((ContinuousClock.now - after).seconds)
                    break
                }
                try? await Task.sleep(for: .milliseconds(2))
            }
        }
    }

    /// Polls until no execution of the machine is RUNNING (or the ledger stops, or `deadline`).
    func waitUntilNoneRunning(_ ledger: CallbackLedger, deadline: ContinuousClock.Instant, every interval: Duration) async -> Bool {
        while !ledger.isStopped, ContinuousClock.now < deadline {
            do { if try await !anyRunning() { return true } } catch { ledger.record(error) }
            try? await Task.sleep(for: interval)
        }
        return false
    }
}

/// A shared counter handing out sequence numbers.
final class Counter: Sendable {
    private let value: Mutex<Int>
    init(_ start: Int) { value = Mutex(start) }
    func take() -> Int {
        value.withLock {
            let taken = $0
            $0 += 1
            return taken
        }
    }
}
