import ArgumentParser
import StatesLanguage

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check state machine definitions and print every problem found.",
        discussion: """
            Prints one line per problem: FILE: CODE at LOCATION: MESSAGE, with AWS's codes \
            (SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET, …). Exits 1 when any \
            definition is invalid, 2 when a file cannot be read.
            """
    )

    @Argument(help: "Definition files (Amazon States Language JSON); - reads standard input.")
    var files: [String]

    func run() throws {
        var invalid = false
        for file in files {
            let text: String
            do { text = try CommandInput.text(ofFile: file) } catch {
                var stderr = StandardError()
                print(error.message, to: &stderr)
                throw ExitCode(2)
            }
            do {
                let machine = try StateMachine(parsing: text)
                let count = machine.graphs.reduce(0) { $0 + $1.states.count }
                print("\(file): valid (\(count) states)")
            } catch {
                invalid = true
                for diagnostic in error.diagnostics {
                    let location = diagnostic.location.isEmpty ? "/" : diagnostic.location
                    print("\(file): \(diagnostic.code.rawValue) at \(location): \(diagnostic.message)")
                }
            }
        }
        if invalid { throw ExitCode(1) }
    }
}
