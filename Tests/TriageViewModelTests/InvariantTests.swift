import JobIndex
import JobSources
import TestSupport
import Testing

@testable import SmileJobs
@testable import TriageViewModel

/// Every command on every kind of state: nothing traps, and every selection stays in bounds.
@Suite("Reducer invariants")
struct InvariantTests {
    /// Every command the keymap can bind, decision commands included, and the filter menu's toggle.
    static let commands: [Command] = Command.bindable + [.toggleOption]

    static let keys: [Key] = [
        .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace, .tab, .backTab,
        .character("j"), .character("k"), .character("g"), .character("G"), .character("/"), .character("a"),
        .character("f"), .character(" "), .character("F"), .character("S"), .character("A"), .character("R"),
        .character("C"), .character("P"), .character("i"), .character("n"), .character("N"), .character("p"),
        .character("?"), .character("5"), .character("o"), .character("r"), .character("y"), .character("J"),
        .character("c"), .character("0"), .control("u"), .character("e"), .character("t"), .character("O"), .character("w"),
        .character("m"), .character("M"), .character("v"), .character("U"), .character("s"), .character("u"), .character("Y"),
    ]

    enum Sample: String, CaseIterable, CustomTestStringConvertible {
        case empty, oneJob, demo, bad, thousands
        var testDescription: String { rawValue }

        var loaded: LoadedJobs {
            switch self {
            case .empty: LoadedJobs()
            case .oneJob:
                LoadedJobs(jobs: Array(Fixture.demo.0.jobs.prefix(1)), recordCount: 1)
            case .demo: Fixture.demo.0
            case .bad: Fixture.bad.0
            case .thousands: Fixture.many
            }
        }
    }

    static func checkBounds(_ state: AppState) {
        let count = state.visible.count
        #expect(count == 0 ? state.cursor.selected == 0 : (0..<count).contains(state.cursor.selected))
        #expect(state.cursor.top >= 0 && state.cursor.top <= max(0, state.cursor.selected))
        #expect(state.visible.allSatisfy { (0..<state.table.count).contains(Int($0)) })
        // The list is what its filter, search, sort and marks make, however it was narrowed.
        #expect(state.visible == state.computeVisible())
        for screen in state.stack {
            switch screen {
            case .detail(let detail):
                #expect((0..<state.table.count).contains(detail.job))
                #expect(detail.scroll.top >= 0 && detail.scroll.top <= max(0, (detail.scroll.rows ?? 0) - 1))
            case .secure(let secure): #expect(secure.rows.isEmpty || secure.rows.indices.contains(secure.cursor.selected))
            case .suspectList(let list): #expect(list.jobs.isEmpty || list.jobs.indices.contains(list.cursor.selected))
            case .rings(let rings): #expect(rings.rings.isEmpty || rings.rings.indices.contains(rings.cursor.selected))
            case .ring(let ring): #expect(ring.rows.isEmpty || ring.rows.indices.contains(ring.cursor.selected))
            case .frequency(let frequency):
                #expect(frequency.buckets.isEmpty || frequency.buckets.indices.contains(frequency.cursor.selected))
            case .catalogue(let catalogue):
                #expect(catalogue.matches.isEmpty || catalogue.matches.indices.contains(catalogue.cursor.selected))
            case .problems(let problems):
                let count = state.problems.count + state.requestErrors.count
                #expect(count == 0 || (0..<count).contains(problems.cursor.selected))
            case .explainer(let explainer):
                #expect(explainer.scroll.top >= 0 && explainer.scroll.top <= max(0, (explainer.scroll.rows ?? 0) - 1))
            }
        }
        // The runner told the document on top how many rows the screen laid it out in.
        if let scroll = state.documentScroll { #expect(scroll.rows != nil) }
    }

    @Test(arguments: Sample.allCases, [Size(columns: 80, rows: 24), Size(columns: 40, rows: 12), Size(columns: 20, rows: 5)])
    func everyCommandOnEveryScreen(sample: Sample, size: Size) {
        let base = AppState(loaded: sample.loaded, title: "t", viewport: size)
        // Open each kind of screen, then try every command on it.
        let openers: [[Command]] = [
            [], [.open], [.frequency], [.catalogue], [.suspectList], [.rings], [.rings, .open],
            [.problems], [.explainCode], [.smileSecure], [.help], [.filter], [.search],
        ]
        for opener in openers {
            for command in InvariantTests.commands {
                let runner = TestRunner.make(base, decisions: FakeDecisions())
                runner.loadDecisions(marking: .writable)
                for step in opener { runner.dispatch(.command(step)) }
                runner.dispatch(.command(command))
                runner.dispatch(.command(.moveDown))
                InvariantTests.checkBounds(runner.state)
            }
        }
    }

    @Test(arguments: Sample.allCases)
    func randomKeySequencesKeepTheStateSound(sample: Sample) {
        var random = SplitMix64(seed: 42)
        let runner = TestRunner.make(
            AppState(loaded: sample.loaded, title: "t", viewport: Size(columns: 80, rows: 24)), decisions: FakeDecisions())
        runner.loadDecisions(marking: .writable)
        for step in 0..<3000 {
            if step % 500 == 250 {
                let sizes = [
                    Size(columns: 40, rows: 12), Size(columns: 120, rows: 40), Size(columns: 10, rows: 3), Size(columns: 80, rows: 24),
                ]
                runner.dispatch(.resize(sizes[Int(random.next() % UInt64(sizes.count))]))
            }
            let key = InvariantTests.keys[Int(random.next() % UInt64(InvariantTests.keys.count))]
            if key == .character("q") { continue }
            runner.dispatch(.key(key))
            InvariantTests.checkBounds(runner.state)
        }
    }
}
