import Foundation
import XCTest

/// Every command's `--help`, nested ones included: it fits an 80-column terminal, and
/// its usage line names every option the help lists (or says `<options>`), so a usage
/// written out to wrap it (UsageText) cannot fall behind the options.
final class HelpTextTests: XCTestCase {
    func testEveryHelpFitsEightyColumnsAndItsUsageNamesEveryOption() throws {
        var pending: [[String]] = [[]]
        var checked: [String] = []
        while let command = pending.popLast() {
            let result = try TestEnvironment.notebook(command + ["--help"], environment: ["COLUMNS": "80"])
            let name = (["notebook"] + command).joined(separator: " ")
            XCTAssertEqual(result.status, 0, "\(name) --help: \(result.output)")
            let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let wide = lines.filter { $0.count > 80 }
            XCTAssertEqual(wide, [], "\(name) --help has lines wider than 80 columns")
            let usage = Self.section(startingWith: "USAGE:", in: lines).joined(separator: " ")
            XCTAssertTrue(usage.hasPrefix("USAGE: \(name)"), "\(name) --help: usage is '\(usage)'")
            if !usage.contains("<options>") && !usage.contains("<subcommand>") {
                for option in Self.options(in: lines) where !usage.contains(option + " ") && !usage.contains(option + "]") {
                    XCTFail("\(name) --help lists \(option), which its usage line does not name: \(usage)")
                }
            }
            pending += Self.subcommands(in: lines).map { command + [$0] }
            checked.append(name)
        }
        // The tree was walked: the nested commands the brief names are among those checked.
        for name in ["notebook data fetch", "notebook cache clear", "notebook bench train", "notebook run"] {
            XCTAssertTrue(checked.contains(name), "\(name) was not reached; checked: \(checked)")
        }
    }

    /// The lines from the one starting with `header` to the next blank line.
    private static func section(startingWith header: String, in lines: [String]) -> [String] {
        guard let start = lines.firstIndex(where: { $0.hasPrefix(header) }) else { return [] }
        return Array(lines[start...].prefix { !$0.isEmpty })
    }

    /// The long options the OPTIONS section lists (each row's first name), but the two
    /// every command has.
    private static func options(in lines: [String]) -> [String] {
        section(startingWith: "OPTIONS:", in: lines).compactMap { line -> String? in
            guard line.hasPrefix("  --") else { return nil }
            let option = String(line.dropFirst(2).prefix { $0 != " " && $0 != "," })
            return ["--version", "--help"].contains(option) ? nil : option
        }
    }

    /// The names listed under every "... SUBCOMMANDS:" header.
    private static func subcommands(in lines: [String]) -> [String] {
        var names: [String] = []
        var inSection = false
        for line in lines {
            if line.hasSuffix("SUBCOMMANDS:") { inSection = true; continue }
            if line.isEmpty { inSection = false; continue }
            if inSection, line.hasPrefix("  "), !line.hasPrefix("   ") {
                names.append(String(line.dropFirst(2).prefix { $0 != " " }))
            }
        }
        return names
    }
}
