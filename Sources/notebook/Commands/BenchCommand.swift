import ArgumentParser

/// `notebook bench ...`: measurements that print figures (release builds).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed and parity (use a release build).",
        subcommands: [BenchTrainCommand.self]
    )
}
