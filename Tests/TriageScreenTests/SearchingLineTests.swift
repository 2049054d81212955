import JobSources
import SmileJobs
import TestSupport
import Testing
import TriageViewModel

@testable import TriageScreen

/// While a search runs on another thread, the last line says so (the list above is still
/// the one before the letter typed), where there is room, and stops saying so when its
/// list comes.
@Suite("A search still running, on screen")
struct SearchingLineTests {
    static func typed(_ text: String, columns: Int) -> AppState {
        var state = AppState(
            loaded: JobLoader().load(paths: [Repository.path("Fixtures/varied")]).0, title: "t",
            viewport: Size(columns: columns, rows: 20))
        state.backgroundSearchFrom = 0
        _ = Reducer.reduce(&state, .key(.character("/")))
        for character in text { _ = Reducer.reduce(&state, .key(.character(character))) }
        return state
    }

    static func lastLine(_ state: AppState) -> String {
        String(Renderer.render(state).text.split(separator: "\n", omittingEmptySubsequences: false).last!)
    }

    @Test func thePromptSaysASearchIsRunningUntilItsListComes() {
        var state = Self.typed("ngoué", columns: 100)
        let jobs = state.table.count
        #expect(Self.lastLine(state).hasPrefix("/ngoué▏  searching \(jobs) jobs…  Enter keep"))
        // Kept with Enter: the search line says it too.
        _ = Reducer.reduce(&state, .key(.enter))
        #expect(Self.lastLine(state).hasPrefix(" search \"ngoué\" searching…"))
        let list = state.table.visible(filter: state.filter, search: state.search, sort: state.sort)
        _ = Reducer.reduce(&state, .searched(generation: 5, visible: list))
        #expect(state.visible == list && !list.isEmpty)
        #expect(!Self.lastLine(state).contains("searching"))
        #expect(Self.lastLine(state).hasPrefix(" search \"ngoué\""))
    }

    @Test func aNarrowScreenKeepsTheTypedTextAndLeavesTheNoteOut() {
        let state = Self.typed("françois ngoué dlamini", columns: 40)
        let line = Self.lastLine(state)
        #expect(line.hasPrefix("/françois ngoué dlamini▏"))
        #expect(!line.contains("searching"))
        #expect(DisplayWidth.of(line) <= 40)
    }

    /// A sort made on another thread: the sorted column's arrow is "…" until its list comes.
    @Test func theHeaderSaysASortIsOnItsWay() {
        var state = AppState(
            loaded: JobLoader().load(paths: [Repository.path("Fixtures/varied")]).0, title: "t",
            viewport: Size(columns: 180, rows: 20))
        state.backgroundSearchFrom = 0
        func header() -> String { String(Renderer.render(state).text.split(separator: "\n")[1]) }
        #expect(header().contains("TIME (UTC)¹▼"))
        _ = Reducer.reduce(&state, .key(.character("5")))
        #expect(state.searching?.sorting == true)
        #expect(header().contains("…") && !header().contains("▲") && !header().contains("▼"), "\(header())")
        #expect(Self.lastLine(state).contains("Sorting"))
        let list = state.table.visible(filter: state.filter, search: state.search, sort: state.sort)
        _ = Reducer.reduce(&state, .searched(generation: state.searching!.generation, visible: list))
        #expect(header().contains("▲") && !header().contains("…"), "\(header())")
    }
}
