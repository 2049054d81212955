import JobIndex
import TestSupport
import Testing

@testable import TriageViewModel

/// A first sort on a column of a large table, whose order is not made yet, goes to the
/// search's thread: the list keeps its order until the new one comes, which is the list the
/// sort would have made at once. Once the order is made, a sort is made on the key's frame.
@Suite("Sorts on another thread")
struct BackgroundSortTests {
    typealias Elsewhere = BackgroundSearchTests.Elsewhere

    static func fresh(_ state: AppState) -> [Int32] {
        state.table.visible(filter: state.filter, search: state.search, sort: state.sort, marks: state.marks)
    }

    @Test func aFirstSortKeepsTheListUntilItsOrderComes() throws {
        let elsewhere = Elsewhere()
        var driver = BackgroundSearchTests.driver(elsewhere)
        let before = driver.state.visible
        let selected = driver.state.visible[3]
        driver.press(.down, .down, .down)
        driver.press(.character("5"))
        let column = driver.state.sort.column
        #expect(column != .time)
        #expect(!driver.state.table.hasOrderNow(column))
        #expect(driver.state.visible == before, "the rows keep their order while it is made")
        #expect(driver.state.searching == PendingSearch(generation: 1, basis: "", sorting: true))
        #expect(driver.state.message?.text == "Sorting \(NumberText.grouped(driver.state.table.count)) jobs by \(column.title)…")
        let request = try #require(elsewhere.requests.first)
        #expect(request.sort == driver.state.sort && request.among == nil)
        BackgroundSearchTests.deliver(1, from: elsewhere, to: &driver)
        #expect(driver.state.searching == nil)
        #expect(driver.state.visible == Self.fresh(driver.state) && driver.state.visible != before)
        #expect(driver.state.selectedJobIndex == Int(selected), "the selection stays on its job")
        #expect(driver.state.message?.text == "Sorted by \(column.title), ascending")
        // The order is made now: reversed, and sorted by it again, at once.
        #expect(driver.state.table.hasOrderNow(column))
        driver.press(.character("r"))
        driver.press(.character("5"))
        #expect(elsewhere.requests.count == 1)
        #expect(driver.state.searching == nil)
        #expect(driver.state.visible == Self.fresh(driver.state))
    }

    @Test func aSortOvertakenByAnotherIsDropped() {
        let elsewhere = Elsewhere()
        var driver = BackgroundSearchTests.driver(elsewhere)
        driver.press(.character("5"))
        driver.press(.character("6"))
        #expect(elsewhere.requests.map(\.generation) == [1, 2])
        #expect(elsewhere.requests[0].sort.column != elsewhere.requests[1].sort.column)
        let before = driver.state.visible
        BackgroundSearchTests.deliver(1, from: elsewhere, to: &driver)
        #expect(driver.state.visible == before, "the first sort's list came too late")
        #expect(driver.state.searching?.generation == 2)
        BackgroundSearchTests.deliver(2, from: elsewhere, to: &driver)
        #expect(driver.state.visible == Self.fresh(driver.state))
    }

    /// A sort asked while a search is on its way carries the search as typed.
    @Test func aSortDuringASearchCarriesTheSearch() {
        var (elsewhere, driver) = BackgroundSearchTests.typing("Ok")
        driver.press(.enter)
        driver.press(.character("5"))
        #expect(elsewhere.requests.last?.search == "Ok")
        #expect(driver.state.searching?.sorting == true && driver.state.searching?.basis == "")
        BackgroundSearchTests.deliver(elsewhere.requests.count, from: elsewhere, to: &driver)
        #expect(driver.state.visible == Self.fresh(driver.state))
        #expect(driver.state.visible.count < driver.state.table.count)
    }

    /// A search typed while a sort is on its way searches the whole table in the new
    /// order: the list shown is still in the old one, and a search that narrowed it kept
    /// that order under the new column's arrow.
    @Test func aSearchTypedWhileASortIsOnItsWayIsInTheNewOrder() {
        let elsewhere = Elsewhere()
        var driver = BackgroundSearchTests.driver(elsewhere)
        driver.press(.character("5"))
        driver.press(.character("/"))
        driver.type("Ok")
        #expect(elsewhere.requests.count == 3)
        #expect(elsewhere.requests[1].among == nil && elsewhere.requests[2].among == nil)
        BackgroundSearchTests.deliver(3, from: elsewhere, to: &driver)
        #expect(driver.state.searching == nil)
        #expect(driver.state.visible == Self.fresh(driver.state))
        #expect(driver.state.visible.count < driver.state.table.count && !driver.state.visible.isEmpty)
    }

    /// `:sort COLUMN reverse` goes the same way.
    @Test func theCommandLinesSortGoesToo() throws {
        let elsewhere = Elsewhere()
        var driver = BackgroundSearchTests.driver(elsewhere)
        driver.press(.character(":"))
        driver.type("sort \(SortColumn.user.word) reverse")
        driver.press(.enter)
        let request = try #require(elsewhere.requests.last)
        #expect(request.sort == SortOrder(column: .user, ascending: false))
        #expect(driver.state.searching?.sorting == true)
        BackgroundSearchTests.deliver(elsewhere.requests.count, from: elsewhere, to: &driver)
        #expect(driver.state.visible == Self.fresh(driver.state))
        #expect(driver.state.message?.text == "Sorted by \(SortColumn.user.title), descending")
    }

    /// A small table (under `backgroundSearchFrom`) sorts on the key's frame.
    @Test func aSmallTableSortsAtOnce() {
        var driver = Driver(Fixture.state(Fixture.many))
        driver.press(.character("5"))
        #expect(driver.state.searching == nil)
        #expect(driver.state.visible == Self.fresh(driver.state))
        #expect(driver.state.message?.text.hasPrefix("Sorted by") == true)
    }
}
