import ArgumentParser

/// `notebook bench ...`: measurements that print figures (release builds).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed and parity (use a release build).",
        subcommands: [BenchFeaturesCommand.self, BenchTrainCommand.self]
    )
}
