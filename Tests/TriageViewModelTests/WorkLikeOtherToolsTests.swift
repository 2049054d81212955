import JobIndex
import JobSources
import SmileJobs
import TestSupport
import Testing

@testable import TriageViewModel

/// The habits k9s, lnav and visidata taught: a command line, find with n/N, undo, time.
@Suite("Command line, find, undo, time")
struct WorkLikeOtherToolsTests {
    func driver() -> (Driver, FakeDecisions) {
        let decisions = FakeDecisions()
        return (Driver(Fixture.state(Fixture.demo.0, size: Size(columns: 120, rows: 30)), decisions: decisions), decisions)
    }

    @Test func commandLinesParse() {
        #expect(ColonCommand.parse("quit") == .success(.run(.quit)))
        #expect(ColonCommand.parse("q") == .success(.run(.quit)))
        #expect(ColonCommand.parse("rings") == .success(.run(.rings)))
        #expect(ColonCommand.parse("sort code reverse") == .success(.sort(.code, reverse: true)))
        #expect(ColonCommand.parse("filter category=rejected stuck") == .success(.filter(["category=rejected", "stuck"])))
        #expect(ColonCommand.parse("user kw-user-1042") == .success(.user("kw-user-1042")))
        guard case .failure(let unknown) = ColonCommand.parse("rngs") else {
            Issue.record("rngs parsed")
            return
        }
        #expect(unknown.message.contains("no command \"rngs\""))
        guard case .failure(let sort) = ColonCommand.parse("sort colour") else {
            Issue.record("sort colour parsed")
            return
        }
        #expect(sort.message.contains("time, job, user"))
    }

    @Test func tabCompletesAsFarAsTheCandidatesAgree() {
        #expect(ColonCommand.complete("freq").text == "frequency ")
        #expect(ColonCommand.complete("rin").text == "ring")  // rings, ring-order
        let sort = ColonCommand.complete("sort c")
        #expect(sort.text == "sort c")
        #expect(Set(sort.candidates) == ["code", "category"])
        #expect(ColonCommand.complete("filter cate").text == "filter category=")
        #expect(ColonCommand.complete("tz lo").text == "tz local ")
    }

    @Test func theCommandLineRunsAndRemembers() {
        var (driver, _) = driver()
        driver.press(.character(":"))
        driver.type("filter category=rejected")
        driver.press(.enter)
        #expect(driver.state.filter.categories == [.rejected])
        #expect(driver.state.visible.count == 14)
        driver.press(.character(":"))
        driver.type("goto 0002001025")
        driver.press(.enter)
        guard case .detail(let detail)? = driver.state.stack.last else {
            Issue.record("no detail")
            return
        }
        #expect(driver.state.table.store.jobKey(detail.job) == "0002001025")
        // Up walks the history, newest first.
        driver.press(.character(":"), .up)
        guard case .prompt(let prompt)? = driver.state.overlay else {
            Issue.record("no prompt")
            return
        }
        #expect(prompt.text == "goto 0002001025")
        driver.press(.up)
        guard case .prompt(let older)? = driver.state.overlay else {
            Issue.record("no prompt")
            return
        }
        #expect(older.text == "filter category=rejected")
        driver.press(.escape)
        driver.press(.character(":"))
        driver.type("quit")
        driver.press(.enter)
        #expect(driver.state.quitting)
    }

    @Test func escOnTheListTakesBackOneChangeAtATime() {
        var (driver, _) = driver()
        let all = driver.state.visible
        driver.press(.character("/"))
        driver.type("kw-user-10")
        driver.press(.enter)
        let searched = driver.state.visible
        driver.press(.character("5"))  // a sort
        driver.press(.escape)
        #expect(driver.state.sort == .standard)
        #expect(driver.state.visible == searched)
        driver.press(.escape)
        #expect(driver.state.search == "")
        #expect(driver.state.visible == all)
        driver.press(.escape)
        #expect(driver.state.message?.text.hasPrefix("Nothing to go back to") == true)
        #expect(!driver.state.quitting)
    }

    @Test func qClosesTheScreenOnTopAndQuitsOnlyFromTheList() {
        var (driver, _) = driver()
        driver.press(.enter)
        #expect(driver.state.stack.count == 1)
        driver.press(.character("q"))
        #expect(driver.state.stack.isEmpty)
        #expect(!driver.state.quitting)
        driver.press(.enter, .character("Q"))
        #expect(driver.state.quitting)
    }

    @Test func undoOfAMarkWritesTheEarlierStateBackAsANewAuditRow() {
        var (driver, decisions) = driver()
        let key = driver.state.table.store.jobKey(Int(driver.state.visible[0]))
        driver.press(.character("w"))
        driver.type("call the customer")
        driver.press(.enter)
        driver.press(.character("k"))  // the list moved on after the note? stay on the job
        driver.press(.character("g"))
        driver.press(.character("e"))
        #expect((try? decisions.decision(for: key))??.state == .escalated)
        driver.press(.character("z"))
        #expect((try? decisions.decision(for: key))??.state == .open)
        #expect((try? decisions.decision(for: key))??.note == "call the customer")
        let audit = decisions.audit(key)
        #expect(audit.count == 3)
        #expect(driver.state.message?.text.hasPrefix("Undone: ") == true)
    }

    @Test func findInADetailStepsThroughMatchesAndWraps() {
        var (driver, _) = driver()
        driver.press(.character("/"))
        driver.type("kw-user-1001")
        driver.press(.enter, .enter)
        driver.press(.character("/"))
        driver.type("passed")
        driver.press(.enter)
        guard let find = driver.state.documentScroll?.find, let matches = find.matches else {
            Issue.record("no find")
            return
        }
        #expect(matches.count >= 3)
        #expect(find.position == "1/\(matches.count)")
        driver.press(.character("n"))
        #expect(driver.state.documentScroll?.find?.position == "2/\(matches.count)")
        driver.press(.character("N"), .character("N"))
        #expect(driver.state.documentScroll?.find?.position == "\(matches.count)/\(matches.count)")
        // The current match is in view.
        let scroll = driver.state.documentScroll!
        let row = matches[scroll.find!.current]
        #expect(row >= scroll.top && row < scroll.top + Layout.bodyRows(driver.state.viewport, header: false))
    }

    /// A find with no match says so, and offers no n / N to step with.
    @Test func findWithNoMatchOffersNothingToStepTo() {
        var (driver, _) = driver()
        driver.press(.character("/"))
        driver.type("kw-user-1001")
        driver.press(.enter, .enter)
        driver.press(.character("/"))
        driver.type("zqxzqx")
        driver.press(.enter)
        #expect(driver.state.documentScroll?.find?.position == "no match")
        let message = driver.state.message
        #expect(message?.text == "\"zqxzqx\": no match.")
        #expect(message?.role == .warning)
        driver.press(.character("/"))
        driver.type("passed")
        driver.press(.enter)
        #expect(driver.state.message?.text.hasSuffix("· n next · N previous") == true)
    }

    @Test func theHourHistogramCountsEveryTimedJobInTimeOrder() {
        let state = Fixture.state(Fixture.demo.0)
        let buckets = Frequency.buckets(.hour, jobs: state.visible, table: state.table)
        let timed = state.visible.filter { state.table.store.time(Int($0)) != nil }.count
        #expect(buckets.map(\.count).reduce(0, +) == timed)
        #expect(buckets.map(\.label) == buckets.map(\.label).sorted())
        let first = buckets[0]
        #expect(first.filter.until! - first.filter.since! == 3_600_000)
        #expect(state.table.visible(filter: first.filter, search: "", sort: .standard).count == first.count)
        // In a zone 5 h 45 min east, hours are the zone's: labels on the hour, the same jobs counted.
        let kathmandu = DisplayZone(id: "Asia/Kathmandu", label: "NPT") { _ in 20_700 }
        let local = Frequency.buckets(.hour, jobs: state.visible, table: state.table, zone: kathmandu)
        #expect(local.map(\.count).reduce(0, +) == timed)
        #expect(local.allSatisfy { $0.label.hasSuffix(":00") })
        for bucket in local {
            #expect(state.table.visible(filter: bucket.filter, search: "", sort: .standard).count == bucket.count, "\(bucket.label)")
        }
    }

    @Test func agesReadAtAGlance() {
        let now = Timestamp(millisecondsSince1970: 1_795_600_000_000)
        func ago(_ seconds: Int64) -> String {
            Age.words(from: Timestamp(millisecondsSince1970: now.millisecondsSince1970 - seconds * 1000), to: now)
        }
        #expect(ago(40) == "40 s ago")
        #expect(ago(600) == "10 min ago")
        #expect(ago(3 * 3600) == "3 h ago")
        #expect(ago(3 * 86400) == "3 d ago")
    }
}

@Suite("Find in the help, folds in the detail")
struct HelpFindAndFoldTests {
    @Test func findInTheHelpJumpsToMatchesAndNSteps() {
        var driver = Driver(Fixture.state(Fixture.demo.0, size: Size(columns: 120, rows: 30)))
        driver.press(.character("?"), .character("/"))
        driver.type("mark")
        driver.press(.enter)
        guard case .help(let scroll)? = driver.state.overlay, let find = scroll.find, let matches = find.matches else {
            Issue.record("no find in the help")
            return
        }
        #expect(matches.count > 3)
        driver.press(.character("n"))
        guard case .help(let next)? = driver.state.overlay else {
            Issue.record("the help closed")
            return
        }
        #expect(next.find?.current == 1)
        #expect(driver.state.message?.text == "\"mark\" 2/\(matches.count)")
        driver.press(.escape)
        #expect(driver.state.overlay == nil)
    }

    @Test func tFoldsNestedObjectsToALineEach() {
        let (loaded, store) = JobLoader().load(paths: [
            Repository.path("Fixtures/samples/07-core-js-fixture-business-verification-1012.json")
        ])
        var driver = Driver(Fixture.state(loaded, size: Size(columns: 100, rows: 40)), store: store)
        driver.press(.enter)
        guard case .detail(let open)? = driver.state.stack.last else {
            Issue.record("no detail")
            return
        }
        let unfolded = open.content.map(\.text)
        #expect(unfolded.contains { $0.hasPrefix(" company_information") })
        #expect(unfolded.contains { $0.hasPrefix("  company_type ") })
        driver.press(.character("T"))
        guard case .detail(let folded)? = driver.state.stack.last else {
            Issue.record("no detail")
            return
        }
        let text = folded.content.map(\.text)
        #expect(!text.contains { $0.hasPrefix("  company_type ") })
        #expect(text.contains { $0.hasPrefix("company_information {") && $0.contains("fields}") })
    }
}

@Suite("Find on the problems screen")
struct ProblemsFindTests {
    @Test func slashFindsARowAndNStepsToTheNext() {
        var driver = Driver(Fixture.state(Fixture.bad.0, size: Size(columns: 120, rows: 30)))
        driver.press(.character("P"), .character("/"))
        driver.type("truncated")
        driver.press(.enter)
        guard case .problems(let problems)? = driver.state.stack.last else {
            Issue.record("no problems screen")
            return
        }
        let first = problems.cursor.selected
        #expect(driver.state.problemRowText(first).lowercased().contains("truncated"))
        driver.press(.character("n"))
        guard case .problems(let next)? = driver.state.stack.last else {
            Issue.record("no problems screen")
            return
        }
        #expect(driver.state.problemRowText(next.cursor.selected).lowercased().contains("truncated"))
        #expect(driver.state.message?.text.contains("\"truncated\"") == true)
    }
}

@Suite("Find over long non-Latin text")
struct LongTextFindTests {
    /// The 4.2 KB names and addresses in Amharic, Arabic, Yoruba… of Fixtures/bad/long-text:
    /// a find of them, pasted longer than the limit, is cut at it and still finds them.
    @Test func aLongPastedFindIsCutAtTheLimitAndStillFinds() throws {
        let (loaded, store) = JobLoader().load(paths: [Repository.path("Fixtures/bad/long-text.ndjson")])
        var driver = Driver(Fixture.state(loaded, size: Size(columns: 100, rows: 30)), store: store)
        let job = try #require((0..<loaded.store.jobCount).first { (loaded.store.row($0).fullName?.count ?? 0) > 1000 })
        let name = try #require(loaded.store.row(job).fullName)
        let position = try #require(driver.state.visible.firstIndex(of: Int32(job)))
        driver.state.cursor.selected = position
        driver.press(.enter, .character("/"))
        driver.send(.text(String(name.prefix(Reducer.findLimit + 50))))
        driver.press(.enter)
        let find = try #require(driver.state.documentScroll?.find)
        #expect(find.query.count == Reducer.findLimit)
        #expect((find.matches ?? []).count >= 1)
    }
}
