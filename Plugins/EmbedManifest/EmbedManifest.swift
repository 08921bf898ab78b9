import Foundation
import PackagePlugin

/// Compiles `data/MANIFEST.tsv` into the target as `EmbeddedManifest.text`: the corpus
/// manifest travels inside the binary (see `CorpusManifest.project`).
@main
struct EmbedManifestPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let manifest = context.package.directoryURL.appendingPathComponent("data/MANIFEST.tsv")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedManifest.swift")
        return [
            .buildCommand(
                displayName: "Embedding the corpus manifest",
                executable: try context.tool(named: "ManifestEmbedder").url,
                arguments: [output.path, manifest.path],
                inputFiles: [manifest],
                outputFiles: [output]
            )
        ]
    }
}
