import ArgumentParser
import Foundation
import StatesLanguage
import StepwiseEngine

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the reference callback workflow's success, failure and timeout paths.",
        discussion: """
            Runs AWS's "Calling Asynchronous API with Callbacks" main workflow in memory on \
            virtual time: the queue message is answered by a simulated callback (SendTaskSuccess \
            with status 200, SendTaskFailure with "sample error message", or no callback at all, \
            so the 300 s TimeoutSeconds fires at once in virtual time). Exits 0 only when each \
            path ends as the sample says.
            """
    )

    struct Path {
        var title: String
        var callback: TaskAnswer
        var expectedNotification: String
    }

    static let paths = [
        Path(title: "success: the external API calls back with SendTaskSuccess",
             callback: .success(["status": 200, "payload": ["body": "sample sucess message"]]),
             expectedNotification: "API Executed Successfully"),
        Path(title: "failure: the external API calls back with SendTaskFailure",
             callback: .failure(Failure("sample error message", cause: "sample error message")),
             expectedNotification: "API Failed"),
        Path(title: "timeout: nobody calls back within TimeoutSeconds (300 s)",
             callback: .noAnswer, expectedNotification: "API Failed"),
    ]

    func run() throws {
        let machine: StateMachine
        do { machine = try StateMachine(parsing: DemoWorkflow.substitutedDefinition) } catch {
            print("The sample workflow does not validate:\n\(error)")
            throw ExitCode(1)
        }
        var allBehaved = true
        for path in Self.paths {
            let responder = TaskResponder { invocation, _ in
                if invocation.resource.pattern == .waitForTaskToken { return path.callback }
                return .success(["MessageId": .string("demo-\(invocation.ticket)")])
            }
            let result = LocalRunner(machine: machine, responder: responder, stateMachineName: "WorkflowAsyncAPICallbackPattern")
                .run(input: ["waitTime": 1, "status": "success"], executionName: "demo")
            print("== \(path.title)")
            print(Timeline.render(result.history))
            let published = result.history.compactMap { event -> String? in
                guard event.type.rawValue == "TaskScheduled", event.details?["resourceType"] == "sns",
                    let parameters = event.details?["parameters"]?.stringValue,
                    let message = try? JSON(parsing: parameters)["Message"]?["message"]?.stringValue
                else { return nil }
                return message
            }
            let behaved = result.outcome.status == "SUCCEEDED" && published == [path.expectedNotification]
            allBehaved = allBehaved && behaved
            print("   notification: \(published.joined(separator: ", "))  →  \(behaved ? "as expected" : "UNEXPECTED (wanted \(path.expectedNotification))")\n")
        }
        print(allBehaved ? "All three paths behaved as the sample describes." : "Some path did not behave as the sample describes.")
        if !allBehaved { throw ExitCode(1) }
    }
}
