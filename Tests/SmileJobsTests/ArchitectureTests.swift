import Foundation
import TestSupport
import Testing

/// docs/architecture.md's module table is the rule for what may import what; this holds
/// the table, Package.swift and the source files to each other.
@Suite("Architecture: the module table is the code's")
struct ArchitectureTests {
    /// Modules that come with the toolchain or the system, not from the manifest.
    static let system: Set<String> = ["Foundation", "Dispatch", "Synchronization", "Glibc", "Darwin"]

    /// Module → what its row says it may import.
    static func table() throws -> [String: Set<String>] {
        let text = try Repository.read("docs/architecture.md")
        var rows: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4 else { continue }
            let name = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let imports = cells[cells.count - 2]
            rows[name] =
                imports == "standard library" || imports == "—"
                ? [] : Set(imports.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        return rows
    }

    /// Target → its manifest dependencies (targets and products, by module name), for
    /// the targets under Sources.
    static func manifest() throws -> [String: Set<String>] {
        let text = try Repository.read("Package.swift")
        // Targets are the `targets:` list's items, eight spaces in; a `.target(` deeper in is a dependency.
        let starts = try Regex(#"(?m)^ {8}\.(target|executableTarget|systemLibrary|testTarget)\("#)
        let positions = text.matches(of: starts).map(\.range.lowerBound) + [text.endIndex]
        var targets: [String: Set<String>] = [:]
        for (start, end) in zip(positions, positions.dropFirst()) {
            let block = String(text[start..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !block.hasPrefix(".testTarget"),
                let name = block.firstMatch(of: try Regex(#"name:\s*"([^"]+)""#))?.output[1].substring.map(String.init),
                name != "TestSupport"
            else { continue }
            var dependencies: Set<String> = []
            if let list = block.firstMatch(of: try Regex(#"dependencies:\s*\[((?:[^\[\]]|\[[^\]]*\])*)\]"#))?.output[1].substring {
                for match in String(list).matches(of: try Regex(#"(package:\s*)?"([^"]+)""#)) where match.output[1].substring == nil {
                    if let dependency = match.output[2].substring { dependencies.insert(String(dependency)) }
                }
            }
            targets[name] = dependencies
        }
        return targets
    }

    @Test func everyTargetHasARowAndEveryRowATarget() throws {
        let table = try Self.table()
        let manifest = try Self.manifest()
        #expect(Set(table.keys) == Set(manifest.keys), "rows and Package.swift's targets differ")
    }

    @Test func eachRowListsWhatTheManifestGivesItAndNoMore() throws {
        let table = try Self.table()
        for (target, dependencies) in try Self.manifest() {
            let row = table[target] ?? []
            #expect(
                dependencies == row.subtracting(Self.system),
                "\(target): the manifest gives \(dependencies.sorted()), the table says \(row.sorted())")
        }
    }

    @Test func noSourceImportsWhatItsRowDoesNotList() throws {
        let table = try Self.table()
        let sources = URL(fileURLWithPath: Repository.path("Sources"))
        let importLine = try Regex(#"^\s*(?:@\w+\s+)*import\s+([A-Za-z_]+)"#).anchorsMatchLineEndings()
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
            let folder = sources.appendingPathComponent(module)
            guard let files = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for match in text.matches(of: importLine) {
                    let imported = String(match.output[1].substring ?? "")
                    #expect(
                        table[module]?.contains(imported) == true,
                        "Sources/\(module)/\(file) imports \(imported), which its row does not list")
                }
            }
        }
    }

    @Test func onlyTheTerminalSeesNcurses() throws {
        let table = try Self.table()
        #expect(table.filter { $0.value.contains("CNcurses") }.keys.sorted() == ["TriageTerminal"])
    }
}
