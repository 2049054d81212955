import JobIndex
import TestSupport
import Testing

@testable import SmileJobs
@testable import TriageViewModel

/// Marking, notes, ranges, the decision filter, other people's marks and export, through
/// the reducer with decisions kept in memory the way the store keeps them.
@Suite("Decisions in the dashboard")
struct DecisionTests {
    func driver(_ decided: [(String, DecisionState)] = []) -> (Driver, FakeDecisions) {
        let decisions = FakeDecisions()
        for (job, state) in decided { decisions.mark(DecisionRequest(jobIDs: [job], state: state)) }
        return (Driver(Fixture.state(Fixture.demo.0, size: Size(columns: 120, rows: 30)), decisions: decisions), decisions)
    }

    func key(_ driver: Driver, _ position: Int) -> String {
        driver.state.table.store.jobKey(Int(driver.state.visible[position]))
    }

    @Test func markingAsksTheStoreFirstAndShowsOnlyWhatWasSaved() {
        var (driver, decisions) = driver()
        let first = key(driver, 0)
        var state = driver.state
        let effects = Reducer.reduce(&state, .key(.character("e")))
        #expect(
            effects == [
                .saveDecisions(
                    DecisionRequest(jobIDs: [first], state: .escalated),
                    context: MarkContext(jobs: [Int(driver.state.visible[0])], advance: true))
            ])
        // Nothing on screen claims it is saved before the store says so.
        #expect(state.marks == driver.state.marks)
        #expect(state.message == nil)

        driver.press(.character("e"))
        #expect(decisions.current[first]?.state == .escalated)
        #expect(driver.state.marks.state(Int(driver.state.visible[0])) == .escalated)
        #expect(driver.state.message == StatusMessage("Saved: job \(first) escalated"))
        #expect(driver.state.cursor.selected == 1, "a mark on the list moves on to the next job")
    }

    @Test func aFailedSaveSaysSoAndChangesNothing() {
        var (driver, decisions) = driver()
        decisions.failure = "decisions.sqlite stayed busy (another process holds it); nothing was saved"
        let before = driver.state
        driver.press(.character("a"))
        #expect(driver.state.marks == before.marks)
        #expect(driver.state.cursor == before.cursor)
        #expect(driver.state.message?.text.hasPrefix("Not saved: decisions.sqlite stayed busy") == true)
        #expect(driver.state.message?.role == .errorText)
    }

    @Test func aRangeIsMarkedTogetherAndThenEnds() {
        var (driver, decisions) = driver()
        driver.press(.down, .character("v"), .down, .down)
        #expect(driver.state.rangePositions == 1...3)
        let keys = (1...3).map { key(driver, $0) }
        driver.press(.character("t"))
        #expect(keys.allSatisfy { decisions.current[$0]?.state == .rerun })
        #expect(decisions.current.count == 3)
        #expect(driver.state.rangeAnchor == nil)
        #expect(driver.state.message?.text == "Saved: 3 jobs re-run")
        #expect(driver.state.cursor.selected == 3, "a range mark does not move the selection")
        // Esc ends a range without marking.
        driver.press(.character("v"), .up, .escape)
        #expect(driver.state.rangeAnchor == nil)
        #expect(decisions.trail.count == 3)
    }

    @Test func aNoteIsWrittenPastedAndKeptWithTheState() {
        var (driver, decisions) = driver([("0002001042", .escalated)])
        driver.send(.openJob(driver.state.table.index(ofJob: "0002001042")!))
        driver.press(.character("w"))
        #expect(driver.state.overlay == .prompt(Prompt(purpose: .note(jobs: [driver.state.table.index(ofJob: "0002001042")!]), text: "")))
        driver.type("ID photo")
        driver.send(.text(" looks\nedited"))
        driver.press(.enter)
        // A pasted line break becomes a space: a note is one line.
        #expect(
            decisions.current["0002001042"]
                == Decision(
                    jobID: "0002001042", state: .escalated, note: "ID photo looks edited",
                    who: "ada", at: decisions.clock, sequence: 2))
        #expect(driver.state.message?.text == "Saved the note on job 0002001042: ID photo looks edited")
        #expect(driver.state.search == "", "a note is not a search")
        // The detail shows the decision, the note and the trail.
        guard case .detail(let detail)? = driver.state.stack.last else {
            Issue.record("no detail")
            return
        }
        let text = detail.content.map(\.text).joined(separator: "\n")
        #expect(text.contains("ESCALATED   by ada"))
        #expect(text.contains("ID photo looks edited"))
        #expect(text.contains("escalated · note"))
    }

    @Test func aHostileNoteOrNameIsShownAsText() {
        var (driver, decisions) = driver()
        let index = driver.state.table.index(ofJob: "0002001042")!
        decisions.mark(DecisionRequest(jobIDs: ["0002001042"], state: .escalated, note: "\u{1B}]0;pwned\u{07}"), who: "\u{202E}eve")
        decisions.mark(DecisionRequest(jobIDs: ["0002001042"], state: .cleared), who: "ada")
        driver.send(.decisionsChanged(Array(decisions.current.values)))
        driver.send(.openJob(index))
        guard case .detail(let detail)? = driver.state.stack.last else {
            Issue.record("no detail")
            return
        }
        let text = detail.content.map(\.text).joined(separator: "\n")
        #expect(text.contains("\\e]0;pwned\\x07"))
        #expect(text.contains("<U+202E>eve"))
        #expect(SafeText.isClean(text, keepNewlines: true))
    }

    @Test func aNoteOnARangeSaysItIsANoteAndLeavesTheStates() {
        var (driver, decisions) = driver([("0002002003", .escalated)])
        driver.press(.character("v"), .down, .down, .character("w"))
        driver.type("one device")
        driver.press(.enter)
        #expect(driver.state.message?.text == "Saved the note on 3 jobs: one device")
        #expect(decisions.current.values.map(\.note) == ["one device", "one device", "one device"])
        #expect(decisions.current.values.map(\.state).sorted() == [.open, .open, .escalated])
    }

    @Test func escInANotePromptSavesNothing() {
        var (driver, decisions) = driver()
        driver.press(.character("w"))
        driver.type("half a thought")
        driver.press(.escape)
        #expect(decisions.trail.isEmpty)
        #expect(driver.state.overlay == nil)
        #expect(driver.state.visible == Fixture.state(Fixture.demo.0).visible, "the list is not searched for the note")
    }

    @Test func theMarkMenuPicksOneDecisionForItsJobs() {
        var (driver, decisions) = driver()
        driver.press(.character("m"))
        #expect(driver.state.screenKind == .markMenu)
        driver.press(.character("j"))  // not a choice: the menu stays
        #expect(driver.state.screenKind == .markMenu)
        driver.press(.character("r"))
        #expect(decisions.current[key(driver, 0)]?.state == .rerun)
        #expect(driver.state.overlay == nil)
        driver.press(.character("m"), .escape)
        #expect(decisions.trail.count == 1)
    }

    @Test func untriagedOnlyIsAQueueThatEmptiesAsItIsWorked() {
        var (driver, _) = driver([("0002001042", .cleared), ("0002001054", .open)])
        driver.press(.character("U"))
        #expect(driver.state.filter.decisions == [.untriaged])
        #expect(driver.state.visible.count == 60, "61 jobs, one cleared; open counts as untriaged")
        driver.press(.down, .down)
        let third = key(driver, 2)
        let fourth = key(driver, 3)
        driver.press(.character("a"))
        #expect(!driver.state.visible.contains { driver.state.table.store.jobKey(Int($0)) == third })
        #expect(driver.state.cursor.selected == 2)
        #expect(key(driver, 2) == fourth, "the next job takes the place of the one just cleared")
        #expect(driver.state.marks.triagedCount(driver.state.visible) == 0)
        driver.press(.character("U"))
        #expect(driver.state.visible.count == 61)
        #expect(driver.state.marks.triagedCount(driver.state.visible) == 2)
    }

    /// A mark that takes jobs out of the queue takes them out of the list shown (no new
    /// list is made); a mark that may bring one back (an undo) makes the list again. Either
    /// way the list and its counts are what a list made afresh would be.
    @Test func markedJobsLeaveTheQueueAsAFreshListWouldHaveIt() {
        var (driver, _) = driver([("0002001042", .cleared)])
        func expectFresh(_ what: String) {
            let state = driver.state
            let fresh = state.table.visible(filter: state.filter, search: state.search, sort: state.sort, marks: state.marks)
            #expect(state.visible == fresh, "\(what)")
            let counts = state.table.listCounts(among: fresh, chase: state.table.chaseIndex())
            #expect(state.visibleCounts == counts.categories, "\(what)")
            #expect(state.visibleReviewCount == counts.review, "\(what)")
        }
        driver.press(.character("U"))
        expectFresh("the queue")
        driver.press(.down)
        let next = driver.state.visible[2]
        driver.press(.character("e"))
        expectFresh("a mark")
        #expect(driver.state.cursor.selected == 1 && driver.state.visible[1] == next, "on the job that took its place")
        driver.press(.character("z"))
        expectFresh("the mark undone: the job is back")
        #expect(driver.state.visible.count == 60)
        driver.press(.character("v"), .down, .down, .character("a"))
        expectFresh("a range of three")
        #expect(driver.state.visible.count == 57)
        driver.press(.character("/"), .character("1"), .character("0"), .enter)
        let searched = driver.state.visible.count
        #expect(searched > 1 && searched < 57)
        driver.press(.character("e"))
        expectFresh("a mark in a search")
        #expect(driver.state.visible.count == searched - 1)
    }

    /// Jobs taken out away from the selection (a mark made on another screen): found past
    /// the window around the cursor, and the selection stays on its job.
    @Test func jobsTakenOutFarFromTheSelectionKeepItOnItsJob() {
        var (driver, _) = driver()
        var state = driver.state
        let list = state.visible
        let far = [Int(list[2]), Int(list[3]), Int(list[40])]
        let positions = Reducer.positions(of: far + [far[0]], in: list, near: 10, tableCount: state.table.count)
        #expect(Array(positions.ranges) == [2..<4, 40..<41])
        #expect(Reducer.positions(of: [], in: list, near: 10, tableCount: state.table.count).isEmpty)
        state.cursor.selected = 10
        let selected = state.visible[10]
        let counts = state.visibleCounts
        Reducer.takeOutOfTheList(&state, positions)
        #expect(state.visible == list.filter { !far.contains(Int($0)) })
        #expect(state.cursor.selected == 8 && state.visible[8] == selected)
        let fresh = state.table.listCounts(among: state.visible, chase: state.table.chaseIndex())
        #expect(state.visibleCounts == fresh.categories && state.visibleCounts != counts)
        #expect(state.visibleReviewCount == fresh.review && state.visibleChaseCount == fresh.chase)
    }

    @Test func theFilterMenuCountsDecisions() {
        var (driver, _) = driver([("0002001042", .escalated), ("0002001054", .escalated), ("0002001053", .rerun)])
        driver.press(.character("f"))
        guard case .filterMenu(let menu)? = driver.state.overlay else {
            Issue.record("no menu")
            return
        }
        guard let heading = menu.rows.firstIndex(of: .heading("decision")) else {
            Issue.record("no decision section")
            return
        }
        let decisionRows = menu.rows[(heading + 1)...].prefix(4).compactMap { row -> String? in
            if case .option(let option) = row { return "\(option.bucket.label) \(option.bucket.count)" }
            return nil
        }
        #expect(decisionRows == ["untriaged 58", "cleared 0", "escalated 2", "re-run 1"])
        // Down to "escalated", over the headings between, and toggle it.
        let steps = menu.rows[(menu.cursor.selected + 1)...(heading + 3)].filter { if case .option = $0 { true } else { false } }.count
        for _ in 0..<steps { driver.press(.down) }
        driver.press(.character(" "), .escape)
        #expect(driver.state.filter.decisions == [.escalated])
        #expect(driver.state.visible.count == 2)
    }

    @Test func marksFromElsewhereShowUpAndFollowTheFilter() {
        var (driver, decisions) = driver()
        driver.press(.character("U"))
        let first = key(driver, 0)
        let second = key(driver, 1)
        let fromBo = decisions.mark(DecisionRequest(jobIDs: [second], state: .cleared), who: "bo")
        driver.send(.decisionsChanged(fromBo))
        #expect(driver.state.message == StatusMessage("bo marked job \(second) cleared", role: .accent))
        #expect(key(driver, 0) == first)
        #expect(!driver.state.visible.contains { driver.state.table.store.jobKey(Int($0)) == second })
        // The same change seen again (a second poll) is not news.
        driver.state.message = nil
        driver.send(.decisionsChanged(fromBo))
        #expect(driver.state.message == nil)
    }

    @Test func anOpenDetailReadsItsTrailAgainWhenItsJobChanges() {
        var (driver, decisions) = driver()
        let index = driver.state.table.index(ofJob: "0002001042")!
        driver.send(.openJob(index))
        #expect(driver.effects.contains(.loadAudit(jobID: "0002001042")))
        driver.effects = []
        driver.send(
            .decisionsChanged(decisions.mark(DecisionRequest(jobIDs: ["0002001042"], state: .escalated, note: "fake ID"), who: "bo")))
        #expect(driver.effects == [.loadAudit(jobID: "0002001042")])
        guard case .detail(let detail)? = driver.state.stack.last else {
            Issue.record("no detail")
            return
        }
        #expect(detail.audit?.map(\.who) == ["bo"])
    }

    @Test func readOnlyShowsDecisionsButMarksNothing() {
        var (driver, _) = driver([("0002001042", .escalated)])
        driver.send(
            .decisionsLoaded(
                [Decision(jobID: "0002001042", state: .escalated, who: "ada", at: Timestamp(millisecondsSince1970: 0), sequence: 1)],
                marking: .readOnly("opened with --readonly")))
        driver.effects = []
        for key: Character in ["a", "e", "t", "O", "w", "m"] { driver.press(.character(key)) }
        #expect(!driver.effects.contains { if case .saveDecisions = $0 { true } else { false } })
        #expect(driver.state.message == StatusMessage("Read-only, nothing marked: opened with --readonly", role: .warning))
        #expect(driver.state.marks.state(driver.state.table.index(ofJob: "0002001042")!) == .escalated)
    }

    @Test func withoutADatabaseMarkingSaysWhy() {
        var driver = Driver(Fixture.state(Fixture.demo.0))
        driver.send(.decisionsLoaded([], marking: .unavailable("/x/decisions.sqlite is not a SQLite database")))
        driver.press(.character("a"))
        #expect(driver.state.message?.text == "Marking is off: /x/decisions.sqlite is not a SQLite database")
        #expect(driver.effects.isEmpty)
    }

    @Test func exportWritesTheListShownAndAsksBeforeReplacing() {
        var (driver, _) = driver()
        driver.press(.character("/"))
        driver.type("0811")
        driver.press(.enter, .character("s"), .control("u"))
        driver.type("rejected.json")
        driver.press(.enter)
        let shown = driver.state.visible
        #expect(driver.effects.last == .export(ExportRequest(path: "rejected.json", jobs: shown)))
        driver.send(.exportFinished(.exists(path: "rejected.json")))
        #expect(driver.state.overlay == .prompt(Prompt(purpose: .export(overwrite: true), text: "rejected.json")))
        driver.press(.enter)
        #expect(driver.effects.last == .export(ExportRequest(path: "rejected.json", jobs: shown, overwrite: true)))
        driver.send(.exportFinished(.written(path: "/tmp/rejected.json", jobs: shown.count, format: "JSON")))
        #expect(driver.state.message?.text == "Wrote \(shown.count) jobs to /tmp/rejected.json (JSON)")
    }

    @Test func decisionMarksMatchJobsByTheirKey() {
        let table = Fixture.state(Fixture.demo.0).table
        let book = DecisionBook([
            Decision(jobID: "0002001042", state: .escalated, who: "a", at: Timestamp(millisecondsSince1970: 0), sequence: 1),
            Decision(jobID: "not-loaded", state: .cleared, who: "a", at: Timestamp(millisecondsSince1970: 0), sequence: 2),
        ])
        let marks = DecisionMarks(book: book, table: table)
        let decided = (0..<table.count).filter { marks.state($0) != nil }
        #expect(decided == [table.index(ofJob: "0002001042")!])
        #expect(marks.triagedCount((0..<Int32(table.count)).map { $0 }) == 1)
    }
}
