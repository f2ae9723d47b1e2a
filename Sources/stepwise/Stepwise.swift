import ArgumentParser

@main
struct Stepwise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stepwise",
        abstract: "Run Amazon States Language state machines locally, with AWS Step Functions' semantics.",
        subcommands: [
            DemoCommand.self, ValidateCommand.self, RunCommand.self, ConformanceCommand.self, BenchCommand.self, ServeCommand.self,
            StartCommand.self, DescribeCommand.self, ListCommand.self, HistoryCommand.self, StopCommand.self,
            SendTaskSuccessCommand.self, SendTaskFailureCommand.self, SendTaskHeartbeatCommand.self,
            DeployCommand.self, DeleteCommand.self, StacksCommand.self,
        ]
    )
}
