import Foundation
import JobIndex
import JobSources
import SmileJobs
import TestSupport
import Testing

@testable import TriageScreen
@testable import TriageViewModel

/// Every screen, over every job of the hostile corpus: no cell may hold anything that acts on
/// a terminal (C0 and C1 controls, DEL, bidirectional overrides and invisible marks).
@Suite("Screens show hostile text inertly")
struct SafetyTests {
    static let loaded = JobLoader().load(paths: [Repository.path("Fixtures/bad")])

    func drive(_ keys: [Key], job: Int, size: Size) -> Grid {
        let (loaded, store) = SafetyTests.loaded
        var state = AppState(loaded: loaded, title: "Fixtures/bad\u{1B}]0;title\u{07}", viewport: size)
        func run(_ action: Action) {
            for effect in Reducer.reduce(&state, action) {
                if case .loadDocuments(let index, let records) = effect {
                    run(.documentsLoaded(job: index, documents: records.compactMap { store.document(for: $0) }))
                }
                if case .copy(let text, let label) = effect { run(.copyFinished(.showText(label: label, text: text))) }
            }
        }
        run(.openJob(job))
        for key in keys { run(.key(key)) }
        return Renderer.render(state)
    }

    @Test(arguments: [
        [Key](), [.pageDown], [.pageDown, .pageDown, .pageDown], [.character("i")], [.character("S")], [.character("Y")],
        [.escape], [.escape, .character("F")], [.escape, .character("F"), .tab, .tab], [.escape, .character("F"), .backTab],
        [.escape, .character("f")], [.escape, .character("P")], [.escape, .character("A")], [.escape, .character("R")],
        [.character("p")],
    ])
    func everyScreenOfEveryJob(keys: [Key]) {
        for job in 0..<SafetyTests.loaded.0.store.jobCount {
            for size in [Size(columns: 120, rows: 40), Size(columns: 40, rows: 12)] {
                let grid = drive(keys, job: job, size: size)
                let bad = grid.cellsNotDrawnAsIs
                #expect(bad.isEmpty, "job \(job), keys \(keys): \(bad.prefix(3).map { Array($0.unicodeScalars) })")
            }
        }
    }

    /// The grid's last check and `SafeText.clean` are one rule: what clean keeps is drawn as
    /// it is (an emoji with a joiner was drawn `?`), and what it would replace is not drawn.
    @Test(arguments: [
        "👩🏾\u{200D}💼 Adaeze", "می\u{200C}خواهم", "ሰላም \u{200D}", "ev\u{200D}il", "\u{200D}start", "end\u{200C}",
        "a\u{202E}b", "Ọlá\u{200D}", "👨\u{200D}👩\u{200D}👧 family", "x\u{1B}[2J",
    ])
    func theGridDrawsWhatCleanKeeps(raw: String) {
        let cleaned = SafeText.clean(raw)
        var grid = Grid(size: Size(columns: 60, rows: 2))
        grid.write(cleaned, column: 0, row: 0)
        grid.write(raw, column: 0, row: 1)
        let rows = grid.text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(rows[0] == cleaned, "clean kept \(Array(cleaned.unicodeScalars)), the grid drew \(rows[0])")
        #expect(grid.cellsNotDrawnAsIs.isEmpty)
        if cleaned == raw { #expect(rows[1] == raw) } else { #expect(rows[1] != raw && rows[1].contains("?")) }
    }

    @Test func theAttacksAreShownVisibly() {
        let index = SafetyTests.loaded.0.jobs.firstIndex { $0.id.hasPrefix("0006000006") }!
        let text = drive([], job: index, size: Size(columns: 120, rows: 40)).text
        #expect(text.contains("<U+202E>evil<U+202C>"))
        let title = drive(
            [], job: SafetyTests.loaded.0.jobs.firstIndex { $0.id.hasPrefix("0006000000") }!, size: Size(columns: 120, rows: 40)
        ).text
        #expect(title.contains("\\e]0;pwned-title\\x07"))
    }
}
