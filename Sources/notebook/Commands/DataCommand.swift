import ArgumentParser

/// `notebook data ...`: where the recordings are, verifying them, fetching them.
struct DataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Locate, verify and fetch the RAVDESS song recordings, and extract the saved features.",
        subcommands: [DataWhereCommand.self, DataVerifyCommand.self, DataFetchCommand.self,
                      DataFeaturesCommand.self]
    )
}
