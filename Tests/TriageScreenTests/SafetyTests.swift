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

    static func forbidden(_ grid: Grid) -> [String] {
        grid.cells.compactMap { cell in
            cell.text.unicodeScalars.contains { SafeText.visibleForm(of: $0) != nil } ? cell.text : nil
        }
    }

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
                let bad = SafetyTests.forbidden(grid)
                #expect(bad.isEmpty, "job \(job), keys \(keys): \(bad.prefix(3).map { Array($0.unicodeScalars) })")
            }
        }
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
