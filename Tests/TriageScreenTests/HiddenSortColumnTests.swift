import JobIndex
import JobSources
import SmileJobs
import TestSupport
import Testing
import TriageViewModel

@testable import TriageScreen

/// A list sorted by a column the width leaves out (the user id below 120 columns, the
/// product below 60) says its order on the title line: no heading could carry the arrow.
@Suite("The order of a list sorted by a hidden column")
struct HiddenSortColumnTests {
    static func state(columns: Int) -> AppState {
        AppState(
            loaded: JobLoader().load(paths: [Repository.path("Fixtures/demo")]).0, title: "Fixtures/demo",
            viewport: Size(columns: columns, rows: 16))
    }

    static func lines(_ state: AppState) -> [String] { Renderer.render(state).text.split(separator: "\n").map(String.init) }

    @Test func theTitleSaysTheOrderWhenNoHeadingCan() {
        var state = Self.state(columns: 100)
        #expect(Self.lines(state)[0].hasSuffix(" jobs"), "\(Self.lines(state)[0])")
        state.sort = SortOrder(column: .user, ascending: true)
        state.visible = state.table.visible(filter: state.filter, search: state.search, sort: state.sort)
        var lines = Self.lines(state)
        #expect(!lines[1].contains("USER"))
        #expect(!lines[1].contains("▲") && !lines[1].contains("▼"))
        #expect(lines[0].hasSuffix("jobs · by user id ▲"), "\(lines[0])")
        state.sort.ascending = false
        #expect(Self.lines(state)[0].hasSuffix("jobs · by user id ▼"))
        // Searched, the title says both.
        for key in "/0002001" { _ = Reducer.reduce(&state, .key(.character(key))) }
        _ = Reducer.reduce(&state, .key(.enter))
        #expect(state.visible.count < state.table.count)
        lines = Self.lines(state)
        #expect(lines[0].hasSuffix("jobs (filtered) · by user id ▼"), "\(lines[0])")
        // Shown again (wide enough), the heading carries the arrow and the title does not.
        let wide = Self.state(columns: 160)
        var sorted = wide
        sorted.sort = SortOrder(column: .user, ascending: true)
        lines = Self.lines(sorted)
        #expect(lines[1].contains("USER ID") && lines[1].contains("▲"), "\(lines[1])")
        #expect(!lines[0].contains("by user id"))
    }

    @Test func aNarrowTitleSaysTheOrderInPlaceOfTheScreenName() {
        var state = Self.state(columns: 40)
        state.sort = SortOrder(column: .product, ascending: false)
        let lines = Self.lines(state)
        #expect(lines[0].hasSuffix("by product ▼"), "\(lines[0])")
        #expect(lines[0].contains("61 jobs"))
        #expect(DisplayWidth.of(lines[0]) <= 40)
    }
}
