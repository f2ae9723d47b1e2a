import ArgumentParser

@main
struct Stepwise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stepwise",
        abstract: "Run Amazon States Language state machines locally, with the AWS Step Functions API.",
        subcommands: []
    )
}
