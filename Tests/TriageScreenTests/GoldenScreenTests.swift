import Foundation
import JobIndex
import JobSources
import SmileJobs
import TestSupport
import Testing

@testable import TriageScreen
@testable import TriageViewModel

/// Every screen, at three sizes, as text and as a grid of roles, against golden files in
/// Tests/TriageScreenTests/Golden. `SMILE_TRIAGE_RECORD=1 swift test` re-records them.
@Suite("Screens (golden)")
struct GoldenScreenTests {
    struct Scenario: CustomTestStringConvertible, Sendable {
        var name: String
        var fixture: String = "Fixtures/demo"
        var steps: [Step]
        var testDescription: String { name }
    }

    enum Step: Sendable {
        case keys([Key])
        case text(String)
        case openJob(String)
        case copyFails
        /// A decisions database with these marks already in it (by whom), read-write.
        case decided([(String, DecisionState, String, String)])
        /// The database could only be opened read-only.
        case readOnly
    }

    static let sizes = [Size(columns: 80, rows: 24), Size(columns: 120, rows: 40), Size(columns: 40, rows: 12)]

    static let scenarios: [Scenario] = [
        Scenario(name: "list", steps: []),
        Scenario(name: "list-search", steps: [.keys([.character("/")]), .text("kw-user-10"), .keys([.enter])]),
        Scenario(name: "list-sorted-by-category", steps: [.keys([.character("6"), .down, .down])]),
        Scenario(name: "list-filtered", steps: [.keys([.character("f"), .character(" "), .down, .character(" "), .escape])]),
        Scenario(name: "prompt", steps: [.keys([.character("/")]), .text("0811")]),
        Scenario(name: "filter-menu", steps: [.keys([.character("f"), .down, .character(" ")])]),
        Scenario(name: "help", steps: [.keys([.character("?")])]),
        Scenario(name: "detail", steps: [.openJob("0002001042")]),
        Scenario(name: "detail-scrolled", steps: [.openJob("0002001042"), .keys([.pageDown])]),
        Scenario(name: "detail-redacted", steps: [.openJob("0002001042"), .keys([.character("p"), .pageDown])]),
        Scenario(name: "detail-history", steps: [.openJob("0002002000")]),
        Scenario(name: "detail-secure-only", fixture: "Fixtures/samples", steps: [.openJob("0000056574"), .keys([.pageDown])]),
        Scenario(name: "explainer", steps: [.openJob("0002001042"), .keys([.character("i")])]),
        Scenario(name: "catalogue", steps: [.keys([.character("C")])]),
        Scenario(name: "catalogue-search", steps: [.keys([.character("C"), .character("/")]), .text("spoof"), .keys([.enter])]),
        Scenario(name: "smile-secure", steps: [.openJob("0002001025"), .keys([.character("S")])]),
        Scenario(name: "suspect-list", steps: [.keys([.character("A")])]),
        Scenario(name: "rings", steps: [.keys([.character("R")])]),
        Scenario(name: "ring", steps: [.keys([.character("R"), .enter])]),
        Scenario(name: "frequency", steps: [.keys([.character("F")])]),
        Scenario(name: "frequency-codes", steps: [.keys([.character("F"), .tab, .tab])]),
        Scenario(name: "frequency-actions", steps: [.keys([.character("F"), .backTab])]),
        Scenario(name: "problems", fixture: "Fixtures/bad", steps: [.keys([.character("P")])]),
        Scenario(name: "copy-text", steps: [.openJob("0002001042"), .copyFails]),
        Scenario(name: "unbound-key", steps: [.keys([.character("Z")])]),
        Scenario(name: "list-decisions", steps: [.decided(decidedDemo), .keys([.character("a")])]),
        Scenario(name: "list-range", steps: [.decided(decidedDemo), .keys([.down, .character("v"), .down, .down])]),
        Scenario(name: "mark-menu", steps: [.decided(decidedDemo), .keys([.down, .character("m")])]),
        Scenario(
            name: "note-prompt",
            steps: [
                .decided(decidedDemo), .openJob("0002001042"), .keys([.character("w")]),
                .text(" (called the customer)"),
            ]),
        Scenario(name: "detail-decision", steps: [.decided(decidedDemo), .openJob("0002001042"), .keys([.character("t")])]),
        Scenario(name: "filter-menu-decisions", steps: [.decided(decidedDemo), .keys([.character("f")])]),
        Scenario(name: "list-read-only", steps: [.decided(decidedDemo), .readOnly, .keys([.character("a")])]),
    ]

    /// Decisions on the demo day, as two people left them.
    static let decidedDemo: [(String, DecisionState, String, String)] = [
        ("0002001042", .escalated, "ID photo looks edited", "ada"),
        ("0002001054", .cleared, "", "bo"),
        ("0002001053", .rerun, "", "ada"),
        ("0002001050", .open, "waiting on the customer", "bo"),
    ]

    static let loads: [String: (LoadedJobs, SourceStore)] = {
        var loads: [String: (LoadedJobs, SourceStore)] = [:]
        for fixture in Set(scenarios.map(\.fixture)) {
            var (loaded, store) = JobLoader().load(paths: [Repository.path(fixture)])
            // Shown relative to the repository, so screens read the same on every machine
            // (no test changes the working directory: suites run in parallel).
            loaded.sources = loaded.sources.map { SourceInfo(path: Repository.relative($0.path), byteCount: $0.byteCount) }
            loaded.problems = loaded.problems.map {
                var problem = $0
                problem.source = Repository.relative(problem.source)
                return problem
            }
            loaded.requestErrors = loaded.requestErrors.map {
                var error = $0
                error.source = Repository.relative(error.source)
                return error
            }
            loads[fixture] = (loaded, store)
        }
        return loads
    }()

    static func play(_ scenario: Scenario, size: Size) -> AppState {
        let (loaded, store) = loads[scenario.fixture]!
        let decisions = FakeDecisions()
        let runner = TestRunner.make(AppState(loaded: loaded, title: scenario.fixture, viewport: size), store: store, decisions: decisions)
        func run(_ action: Action) { runner.dispatch(action) }
        for step in scenario.steps {
            switch step {
            case .keys(let keys): keys.forEach { run(.key($0)) }
            case .text(let text): text.forEach { run(.key(.character($0))) }
            case .openJob(let id): run(.openJob(runner.state.table.index(ofJob: id)!))
            case .copyFails: run(.key(.character("Y")))
            case .decided(let marks):
                for (job, decision, note, who) in marks {
                    decisions.mark(DecisionRequest(jobIDs: [job], state: decision, note: note.isEmpty ? nil : note), who: who)
                }
                runner.loadDecisions(marking: .writable)
            case .readOnly:
                runner.loadDecisions(marking: .readOnly("/state/decisions.sqlite cannot be written"))
            }
        }
        return runner.state
    }

    @Test(arguments: scenarios, sizes)
    func screen(scenario: Scenario, size: Size) {
        let grid = Renderer.render(GoldenScreenTests.play(scenario, size: size))
        let actual = grid.text + "\n--- roles ---\n" + grid.roles + "\n"
        let file = "Tests/TriageScreenTests/Golden/\(scenario.name)@\(size.columns)x\(size.rows).txt"
        if let difference = Golden.check(actual, against: file) {
            Issue.record(Comment(rawValue: difference))
        }
    }

    @Test func belowTheMinimumSizeSaysSo() {
        let state = AppState(loaded: GoldenScreenTests.loads["Fixtures/demo"]!.0, title: "t", viewport: Size(columns: 30, rows: 10))
        let text = Renderer.render(state).text
        #expect(text.contains("Terminal too small"))
        #expect(text.contains("30×10: needs 40×12"))
    }

    @Test(arguments: scenarios, sizes)
    func nothingOverlapsTheBars(scenario: Scenario, size: Size) {
        let grid = Renderer.render(GoldenScreenTests.play(scenario, size: size))
        // The title bar is one row of the header role; the footer's status row is intact.
        for column in 0..<size.columns {
            #expect([.header, .border, .title].contains(grid[column, 0].role) || grid[column, 0].text != " ", "title row at \(column)")
        }
        let statusRow = size.rows - 2
        let statusRoles = Set((0..<size.columns).map { grid[$0, statusRow].role })
        #expect(!statusRoles.contains(.json) && !statusRoles.contains(.label), "the status row was drawn over")
        // Every row fits its width: no cell holds more than one grapheme of width > 0.
        for cell in grid.cells { #expect(DisplayWidth.of(cell.text) <= 2) }
    }
}

/// The golden helper itself: a difference is shown whole, not only its first line.
@Suite("Golden files")
struct GoldenHelperTests {
    @Test func aDiffShowsEveryChangedLineWithContext() {
        let expected = (1...20).map { "line \($0)" }.joined(separator: "\n")
        var lines = (1...20).map { "line \($0)" }
        lines[2] = "line three"
        lines.remove(at: 15)
        lines.append("line 21")
        let diff = Golden.diff(expected, lines.joined(separator: "\n"))
        #expect(diff.contains("-    3 line 3"))
        #expect(diff.contains("+    3 line three"))
        #expect(diff.contains("-   16 line 16"))
        #expect(diff.contains("+   20 line 21"))
        #expect(diff.contains("  …"), "unchanged stretches are left out")
        #expect(!diff.contains("line 9"))
    }
}
