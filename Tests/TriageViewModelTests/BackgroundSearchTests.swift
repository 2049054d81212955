import JobIndex
import TestSupport
import Testing

@testable import TriageViewModel

/// A search on a large table goes to another thread (`Effect.search`): the list keeps the
/// jobs it shows until the newest search's list comes back, which is the list the search
/// typed would have made at once; an older one, or one overtaken by another change, is dropped.
@Suite("Searches on another thread")
struct BackgroundSearchTests {
    /// Requests handed to "another thread", run only when the test says.
    final class Elsewhere {
        var requests: [SearchRequest] = []
    }

    /// A driver whose searches all go elsewhere (every table is "large").
    static func driver(_ elsewhere: Elsewhere) -> Driver {
        var state = Fixture.state(Fixture.many)
        state.backgroundSearchFrom = 0
        let driver = Driver(state)
        driver.runner.services.searchElsewhere = { elsewhere.requests.append($0) }
        return driver
    }

    /// A driver with `text` typed into the search prompt, its searches all sent elsewhere.
    static func typing(_ text: String) -> (Elsewhere, Driver) {
        let elsewhere = Elsewhere()
        var driver = Self.driver(elsewhere)
        driver.press(.character("/"))
        driver.type(text)
        return (elsewhere, driver)
    }

    /// The list of search number `generation`, made "elsewhere", handed back.
    static func deliver(_ generation: Int, from elsewhere: Elsewhere, to driver: inout Driver) {
        driver.send(.searched(generation: generation, visible: elsewhere.requests[generation - 1].run()))
    }

    static func whole(_ state: AppState, _ text: String) -> [Int32] {
        state.table.visible(filter: state.filter, search: text, sort: state.sort, marks: state.marks)
    }

    @Test func theListWaitsForTheSearchThenShowsWhatItWouldHaveShownAtOnce() {
        let elsewhere = Elsewhere()
        var driver = Self.driver(elsewhere)
        let before = driver.state.visible
        driver.press(.character("/"))
        for (count, text) in ["O", "Ok", "Oka"].enumerated() {
            driver.type(String(text.last!))
            #expect(driver.state.search == text)
            #expect(driver.state.visible == before, "the list is the one before the search until it comes back")
            #expect(driver.state.searching == PendingSearch(generation: count + 1, basis: ""))
        }
        #expect(elsewhere.requests.map(\.generation) == [1, 2, 3])
        #expect(elsewhere.requests.map(\.search) == ["O", "Ok", "Oka"])
        // Each narrows the list shown (every job, for the empty search it was made for).
        #expect(elsewhere.requests.allSatisfy { $0.among == before })
        // The first two come back late: dropped.
        for generation in [1, 2] {
            Self.deliver(generation, from: elsewhere, to: &driver)
            #expect(driver.state.visible == before)
            #expect(driver.state.searching?.generation == 3)
        }
        Self.deliver(3, from: elsewhere, to: &driver)
        #expect(driver.state.searching == nil)
        #expect(driver.state.visible == Self.whole(driver.state, "Oka"))
        #expect(!driver.state.visible.isEmpty && driver.state.visible.count < before.count)
        // Typed on from there: the next search narrows the list it now shows.
        driver.type("f")
        #expect(driver.state.searching == PendingSearch(generation: 4, basis: "Oka"))
        #expect(elsewhere.requests[3].among == driver.state.visible)
        Self.deliver(4, from: elsewhere, to: &driver)
        #expect(driver.state.visible == Self.whole(driver.state, "Okaf"))
    }

    @Test func aLetterTakenBackSearchesTheWholeTableAgain() {
        var (elsewhere, driver) = Self.typing("Ok")
        Self.deliver(2, from: elsewhere, to: &driver)
        driver.press(.backspace)
        #expect(driver.state.searching == PendingSearch(generation: 3, basis: "Ok"))
        #expect(elsewhere.requests[2].among == nil, "\"O\" does not extend \"Ok\": every job is tested")
        Self.deliver(3, from: elsewhere, to: &driver)
        #expect(driver.state.visible == Self.whole(driver.state, "O"))
    }

    /// A filter changed while a search runs makes the list for the search as typed, there
    /// and then; the search's list, made before the filter, is dropped when it comes.
    @Test func aChangeWhileASearchRunsWinsOverItsLateList() {
        var (elsewhere, driver) = Self.typing("Ok")
        driver.press(.enter)
        var approved = JobFilter()
        approved.categories = [.approved]
        driver.send(.setFilter(approved))
        #expect(driver.state.searching == nil)
        let filtered = Self.whole(driver.state, "Ok")
        #expect(driver.state.visible == filtered)
        Self.deliver(2, from: elsewhere, to: &driver)
        #expect(driver.state.visible == filtered)
    }

    @Test func escPutsTheListBackAtOnce() {
        let before = Self.driver(Elsewhere()).state.visible
        var (elsewhere, driver) = Self.typing("Ok")
        driver.press(.escape)
        #expect(driver.state.search == "")
        #expect(driver.state.searching == nil)
        #expect(driver.state.visible == before)
        #expect(elsewhere.requests.count == 2, "Esc searched here, not elsewhere")
        Self.deliver(2, from: elsewhere, to: &driver)
        #expect(driver.state.visible == before)
    }

    /// With nowhere else to run it (tests, `snapshot`), the runner runs the search before
    /// the next action: the list is whole after every key.
    @Test func withNoOtherThreadTheSearchRunsBeforeTheNextKey() {
        var state = Fixture.state(Fixture.many)
        state.backgroundSearchFrom = 0
        var driver = Driver(state)
        driver.press(.character("/"))
        for text in ["O", "Ok", "Okaf"] {
            driver.type(String(text.dropFirst(driver.state.search.count)))
            #expect(driver.state.searching == nil)
            #expect(driver.state.visible == Self.whole(driver.state, text), "\(text)")
        }
        #expect(driver.effects.contains(.search(generation: 1, narrowing: true)))
    }

    /// Under the threshold (the default's half a million jobs against these 3,000), no effect:
    /// the list is made as the key is read.
    @Test func aSmallTableSearchesAtOnce() {
        var driver = Driver(Fixture.state(Fixture.many))
        driver.press(.character("/"))
        driver.type("Ok")
        #expect(!driver.effects.contains { if case .search = $0 { true } else { false } })
        #expect(driver.state.visible == Self.whole(driver.state, "Ok"))
    }
}
