import JobIndex
import TestSupport
import Testing

@testable import SmileJobs
@testable import TriageViewModel

/// Each test states the whole state a step should produce.
@Suite("Reducer steps")
struct ReducerStepTests {
    let start = Fixture.state(Fixture.demo.0)

    @Test func movingDownSelectsTheNextRow() {
        var state = start
        Reducer.reduce(&state, .key(.character("j")))
        var expected = start
        expected.cursor = Cursor(selected: 1, top: 0)
        #expect(state == expected)
    }

    @Test func pagingMovesByAPageAndStaysInBounds() {
        var state = start
        let height = Layout.bodyRows(state.viewport, header: true)
        Reducer.reduce(&state, .key(.pageDown))
        var expected = start
        expected.cursor = Cursor(selected: height, top: height)
        #expect(state == expected)
        Reducer.reduce(&state, .key(.end))
        expected.cursor = Cursor(selected: start.visible.count - 1, top: start.visible.count - height)
        #expect(state == expected)
        Reducer.reduce(&state, .key(.pageDown))
        #expect(state == expected)
    }

    @Test func openingAJobPushesItsDetailAndAsksForItsRecords() {
        var state = start
        let effects = Reducer.reduce(&state, .key(.enter))
        let index = Int(start.visible[0])
        var detail = DetailState(job: index)
        detail.content = DetailContent.build(table: start.table, job: index, documents: nil, sources: start.sources, redacted: false)
        var expected = start
        expected.stack = [.detail(detail)]
        #expect(state == expected)
        #expect(effects == [.loadDocuments(job: index, records: start.table.jobs[index].records)])
    }

    @Test func backPopsTheScreen() {
        var state = start
        Reducer.reduce(&state, .key(.enter))
        Reducer.reduce(&state, .key(.escape))
        #expect(state == start)
    }

    @Test func searchFiltersAsYouTypeAndEscRestores() {
        var driver = Driver(start)
        driver.press(.character("/"))
        driver.type("1042")
        var expected = start
        expected.search = "1042"
        expected.visible = start.table.visible(filter: JobFilter(), search: "1042", sort: .standard)
        expected.overlay = .prompt(Prompt(purpose: .search, text: ""))
        if case .prompt(var prompt)? = expected.overlay {
            prompt.text = "1042"
            prompt.selectionBefore = start.selectedJobIndex
            expected.overlay = .prompt(prompt)
        }
        #expect(driver.state == expected)
        #expect(driver.state.visible.count == 1)
        // Esc drops the search; the job it found stays selected in the full list.
        driver.press(.escape)
        var restored = start
        restored.cursor = Cursor(selected: start.visible.firstIndex(of: driver.state.visible[driver.state.cursor.selected])!, top: 0)
        restored.cursor.clamp(count: start.visible.count, height: Layout.bodyRows(start.viewport, header: true))
        #expect(driver.state == restored)
        #expect(driver.state.table.jobs[driver.state.selectedJobIndex!].id == "0002001042")
    }

    @Test func enterKeepsTheSearchAndCClearsIt() {
        var driver = Driver(start)
        driver.press(.character("/"))
        driver.type("SS Auth")
        driver.type("")
        driver.press(.enter)
        #expect(driver.state.overlay == nil)
        #expect(driver.state.search == "SS Auth")
        driver.press(.character("c"))
        var expected = start
        expected.message = StatusMessage("Filters and search cleared")
        // Both changes can be taken back, one at a time: the search, then the clearing.
        var searched = start.listView
        searched.search = "SS Auth"
        expected.undo = [.view(start.listView), .view(searched)]
        #expect(driver.state == expected)
        driver.press(.escape)
        #expect(driver.state.search == "SS Auth")
        driver.press(.escape)
        #expect(driver.state.search == "")
        #expect(driver.state.undo.isEmpty)
    }

    @Test func sortingByAColumnAndAgainReverses() {
        var state = start
        Reducer.reduce(&state, .key(.character("5")))
        var expected = start
        expected.sort = SortOrder(column: .code, ascending: true)
        expected.visible = start.table.visible(filter: JobFilter(), search: "", sort: expected.sort)
        expected.message = StatusMessage("Sorted by code, ascending")
        expected.undo = [.view(start.listView)]
        expected.shownView = expected.listView
        #expect(state == expected)
        Reducer.reduce(&state, .key(.character("5")))
        #expect(state.sort == SortOrder(column: .code, ascending: false))
        #expect(state.visible == Array(expected.visible.reversed()))
    }

    @Test func nextAttentionJumpsToTheNextJobThatNeedsReview() {
        var state = start
        Reducer.reduce(&state, .key(.character("]")))
        let queue = start.table.reviewQueue()
        let first = start.visible.dropFirst().firstIndex { queue.needsReview(Int($0)) }!
        var expected = start
        expected.cursor.selected = first
        #expect(state == expected)
        Reducer.reduce(&state, .key(.character("[")))
        let last = start.visible.lastIndex { queue.needsReview(Int($0)) }!
        #expect(state.cursor.selected == last)
        #expect(state.message == StatusMessage("Wrapped to the bottom", role: .dim))
    }

    @Test func theFilterMenuTogglesACategory() {
        var driver = Driver(start)
        driver.press(.character("f"))
        guard case .filterMenu(let menu)? = driver.state.overlay else {
            Issue.record("no filter menu")
            return
        }
        // The first option is the most urgent category present: review.
        guard case .option(let option) = menu.rows[menu.cursor.selected] else {
            Issue.record("no option selected")
            return
        }
        #expect(option.bucket.filter.categories == [.review])
        driver.press(.character(" "))
        #expect(driver.state.filter.categories == [.review])
        #expect(driver.state.visible.count == 4)
        driver.press(.escape)
        #expect(driver.state.overlay == nil)
        #expect(driver.state.visible.allSatisfy { driver.state.table.jobs[Int($0)].category == .review })
    }

    @Test func frequencyBucketOpensTheListFilteredToIt() {
        var driver = Driver(start)
        driver.press(.character("F"))
        guard case .frequency(let frequency)? = driver.state.stack.last else {
            Issue.record("no frequency view")
            return
        }
        #expect(frequency.dimension == .category)
        #expect(frequency.buckets.map(\.count).reduce(0, +) == 61)
        let rejected = frequency.buckets.firstIndex { $0.filter.categories == [.rejected] }!
        for _ in 0..<rejected { driver.press(.down) }
        driver.press(.enter)
        #expect(driver.state.stack.isEmpty)
        #expect(driver.state.filter.categories == [.rejected])
        #expect(driver.state.visible.count == 14)
    }

    @Test func frequencySwitchesDimensions() {
        var driver = Driver(start)
        driver.press(.character("F"), .tab, .tab)
        guard case .frequency(let frequency)? = driver.state.stack.last else {
            Issue.record("no frequency view")
            return
        }
        #expect(frequency.dimension == .code)
        // A code is counted on its product: 0810 twice, once per product.
        let codes = frequency.buckets.filter { $0.label.hasPrefix("0810 ") }
        #expect(codes.map(\.label).sorted() == ["0810 Biometric KYC", "0810 Document Verification", "0810 Enhanced Document Verification"])
        #expect(codes.first { $0.label == "0810 Biometric KYC" }?.count == 6)
        #expect(codes.first { $0.label == "0810 Biometric KYC" }?.detail == "Enroll User Machine Judgement - PASS")
        #expect(codes.first { $0.label == "0810 Document Verification" }?.detail == "Document Verified")
    }

    @Test func smileSecureScreenLinksSuspectsToTheirJobs() throws {
        var driver = Driver(start)
        let index = start.table.jobs.firstIndex { $0.id == "0002001025" }!
        driver.send(.openJob(index))
        driver.press(.character("S"))
        guard case .secure(let secure)? = driver.state.stack.last else {
            Issue.record("no Smile Secure screen")
            return
        }
        let suspectJob = start.table.jobs.firstIndex { $0.userID == "kw-user-1007" }!
        #expect(secure.rows == [.suspect(userID: "kw-user-1007", reasons: ["same-person"], jobs: 1), .job(Int32(suspectJob))])
        #expect(secure.cursor.selected == 1)
        driver.press(.enter)
        guard case .detail(let detail)? = driver.state.stack.last else {
            Issue.record("no detail")
            return
        }
        #expect(detail.job == suspectJob)
        driver.press(.escape)
        #expect(driver.state.stack.last?.kind == .smileSecure)
    }

    @Test func aSuspectNotInTheDataIsSaidSo() {
        let index = start.table.jobs.firstIndex { $0.id == "0002001042" }!
        #expect(
            ScreenContent.secureRows(job: index, table: start.table) == [
                .suspect(userID: "kw-user-0042", reasons: ["same-person"], jobs: 0), .note("not in the loaded data"),
            ])
    }

    @Test func redactionMasksPersonalDataInTheDetail() {
        var driver = Driver(start, store: Fixture.demo.1)
        let index = start.table.jobs.firstIndex { $0.id == "0002001042" }!
        driver.send(.openJob(index))
        let plain = detailText(driver.state)
        #expect(plain.contains("91182766442"))
        #expect(plain.contains("Musa Mensah"))
        driver.press(.character("p"))
        let masked = detailText(driver.state)
        #expect(!masked.contains("91182766442"))
        #expect(!masked.contains("Musa Mensah"))
        #expect(!masked.contains("1991-03-16"))
        #expect(masked.contains("********442"))
        #expect(masked.contains("M. M."))
        #expect(driver.state.message == StatusMessage("Personal data hidden (p shows it again)"))
    }

    func detailText(_ state: AppState) -> String {
        guard case .detail(let detail)? = state.stack.last else { return "" }
        return detail.content.map(\.text).joined(separator: "\n")
    }

    @Test func copyAsksTheShellAndReportsWhatHappened() {
        var state = start
        let job = start.table.jobs[Int(start.visible[0])]
        let effects = Reducer.reduce(&state, .key(.character("y")))
        #expect(effects == [.copy(text: job.smileJobID!, label: "job id \(job.smileJobID!)")])
        Reducer.reduce(&state, .copyFinished(.copied(label: "job id \(job.smileJobID!)")))
        #expect(
            state.message
                == StatusMessage(
                    "Sent job id \(job.smileJobID!) to the terminal's clipboard (OSC 52: the terminal decides whether it takes it)"))
        Reducer.reduce(&state, .copyFinished(.copied(label: "job id", tmuxBuffer: true)))
        #expect(state.message?.text.contains("tmux's paste buffer") == true)
        Reducer.reduce(&state, .copyFinished(.showText(label: "job id", text: job.smileJobID!)))
        #expect(state.overlay == .copyText(label: "job id", text: job.smileJobID!))
        Reducer.reduce(&state, .key(.character("x")))
        #expect(state.overlay == nil)
    }

    @Test func theExplanationCopiedIsForTheJobsProduct() throws {
        let index = start.table.jobs.firstIndex { $0.id == "0002001042" }!
        let text = try #require(CopyText.explanation(of: start.table.jobs[index], catalogue: .standard))
        #expect(
            text.hasPrefix(
                "Smile ID job 0002001042 (Document Verification): result code 0811\nUnable to Verify Document - reason: Document image was usable"
            ))
        #expect(text.hasSuffix("Category: Rejected."))
    }

    @Test func anUnboundKeySaysSo() {
        var state = start
        Reducer.reduce(&state, .key(.character("X")))
        #expect(state.message == StatusMessage("X: nothing here. ? lists the keys.", role: .warning))
        Reducer.reduce(&state, .key(.character("j")))
        #expect(state.message == nil)
    }

    @Test func quitAsksTheShellToQuit() {
        var state = start
        #expect(Reducer.reduce(&state, .key(.character("q"))) == [])
        #expect(state.quitting)
        #expect(state.quitting)
    }

    @Test func resizingKeepsTheSelectionOnScreen() {
        var state = start
        Reducer.reduce(&state, .key(.end))
        Reducer.reduce(&state, .resize(Size(columns: 40, rows: 12)))
        let height = Layout.bodyRows(state.viewport, header: true)
        #expect(state.cursor.selected == start.visible.count - 1)
        #expect(state.cursor.top == start.visible.count - height)
    }

    @Test func detailFollowsTheListWithJAndK() {
        var driver = Driver(start)
        driver.press(.enter, .character("J"), .character("J"))
        guard case .detail(let detail)? = driver.state.stack.last else {
            Issue.record("no detail")
            return
        }
        #expect(detail.job == Int(start.visible[2]))
        #expect(driver.state.stack.count == 1)
        #expect(driver.state.cursor.selected == 2)
    }
}

/// `W`: the user as a unit, from any job.
@Suite("The user's jobs")
struct UserJobsTests {
    @Test func wFromADetailListsEveryJobOfItsUserWithTheirLinks() throws {
        var state = Fixture.state(Fixture.demo.0)
        let row = try #require(state.visible.firstIndex { state.table.store.userID(Int($0)) == "kw-user-1010" })
        state.cursor.selected = row
        Reducer.reduce(&state, .key(.enter))
        #expect(state.stack.count == 1)
        Reducer.reduce(&state, .key(.character("W")))
        #expect(state.stack.isEmpty)
        #expect(state.filter.users == ["kw-user-1010"])
        let users = Set(state.visible.map { state.table.store.userID(Int($0)) })
        #expect(users == ["kw-user-1010"])
        #expect(state.visible.count == state.table.jobs(ofUser: "kw-user-1010").count)
        #expect(state.selectedJobIndex.flatMap { state.table.store.userID($0) } == "kw-user-1010")
        let message = try #require(state.message?.text)
        #expect(message.contains("of user kw-user-1010"))
        #expect(message.contains("named by kw-user-1007"))
        #expect(message.contains("ring "))
    }
}

/// A search typed letter by letter tests only the jobs the shorter search kept: the list it
/// makes is the list the whole search makes, under a filter, newest first or oldest first,
/// through letters outside ASCII and a letter taken back.
@Suite("Search narrowing")
struct SearchNarrowingTests {
    @Test(arguments: [false, true])
    func aSearchTypedLetterByLetterListsWhatTheWholeSearchLists(ascending: Bool) {
        var driver = Driver(Fixture.state(Fixture.many))
        driver.state.filter.categories = [.approved, .rejected, .pending]
        driver.state.sort = SortOrder(column: .time, ascending: ascending)
        driver.state.visible = driver.state.computeVisible()
        driver.press(.character("/"))
        for text in ["O", "Ok", "OKA", "Okaf"] {
            driver.type(String(text.last!))
            let whole = driver.state.table.visible(
                filter: driver.state.filter, search: text, sort: driver.state.sort, marks: driver.state.marks)
            #expect(driver.state.visible == whole, "\(text)")
            #expect(!whole.isEmpty, "the fixture has jobs of Okafor")
        }
        driver.press(.backspace, .backspace)
        #expect(driver.state.search == "Ok")
        #expect(driver.state.visible == driver.state.computeVisible())
        #expect(driver.state.visible.count > 0)
    }

    @Test func lettersOutsideASCIINarrowToo() {
        var driver = Driver(Fixture.state(Fixture.demo.0))
        driver.press(.character("/"))
        for character in "ọlá" {
            driver.type(String(character))
            #expect(driver.state.visible == driver.state.computeVisible(), "\(driver.state.search)")
        }
    }
}
