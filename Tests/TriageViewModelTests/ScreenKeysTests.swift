import JobIndex
import TestSupport
import Testing

@testable import SmileJobs
@testable import TriageViewModel

/// Keys belong to the screen they are typed on: nothing typed after `/` marks a job or
/// moves to another, on any screen or overlay; a group mark asks first.
@Suite("Keys after a prompt key")
struct ScreenKeysTests {
    /// Every screen and overlay, reached the way a person reaches it.
    static let places: [(String, [Key])] = [
        ("list", []),
        ("detail", [.enter]),
        ("explainer", [.enter, .character("i")]),
        ("catalogue", [.character("C")]),
        ("smile secure", [.character("A"), .enter]),
        ("all suspects", [.character("A")]),
        ("rings", [.character("R")]),
        ("ring", [.character("R"), .enter]),
        ("frequency", [.character("F")]),
        ("problems", [.character("P")]),
        ("help", [.character("?")]),
        ("help over a detail", [.enter, .character("?")]),
        ("filter menu", [.character("f")]),
        ("mark menu", [.character("m")]),
        ("mark menu in a detail", [.enter, .character("m")]),
        ("a group mark waiting for a yes", [.character("R"), .character("a")]),
    ]

    static var typed: [Character] {
        (0x20...0x7E).map { Character(Unicode.Scalar($0)!) } + ["é", "ሀ", "ع", "ẹ", "👩🏾‍💻"]
    }

    /// Each place, closing the prompt with Enter and with Esc (the list's own search is
    /// closed with Esc: with Enter it filters the list, which is its purpose).
    static let cases: [(String, Bool)] = places.flatMap { place in
        place.0 == "list" ? [(place.0, false)] : [(place.0, true), (place.0, false)]
    }

    @Test(arguments: ScreenKeysTests.cases)
    func nothingTypedAfterASlashMarksOrMoves(place: String, closeWithEnter: Bool) throws {
        let keys = try #require(ScreenKeysTests.places.first { $0.0 == place }?.1)
        let decisions = FakeDecisions()
        var driver = Driver(Fixture.state(Fixture.demo.0), store: Fixture.demo.1, decisions: decisions)
        driver.press(.character("n"))  // a job that needs review is selected
        for key in keys { driver.press(key) }
        let before = driver.state
        driver.effects = []
        // `/IDNumber` as the issue reported it, then every printable character, then Enter.
        driver.press(.character("/"))
        driver.type("IDNumber")
        for character in ScreenKeysTests.typed { driver.press(.character(character)) }
        driver.press(closeWithEnter ? .enter : .escape)
        #expect(decisions.trail.isEmpty, "a decision was made on \(place)")
        #expect(!driver.effects.contains { if case .saveDecisions = $0 { true } else { false } })
        #expect(driver.state.focusedJobIndex == before.focusedJobIndex, "the job in focus moved on \(place)")
        #expect(driver.state.stack.map(\.kind) == before.stack.map(\.kind), "the screen changed on \(place)")
        #expect(!driver.state.quitting)
    }

    @Test func aWholeRingIsMarkedOnlyAfterAYesThatNamesTheCount() throws {
        let decisions = FakeDecisions()
        var driver = Driver(Fixture.state(Fixture.demo.0), store: Fixture.demo.1, decisions: decisions)
        driver.press(.character("R"))
        let rings = driver.state.table.ringIndex()
        let ring = try #require(rings.rings.first)
        driver.press(.character("e"))
        guard case .confirm(let confirmation)? = driver.state.overlay else {
            Issue.record("no confirmation for a ring mark")
            return
        }
        #expect(confirmation.question == "Mark \(ring.jobs.count) jobs of ring \(ring.label) escalated?")
        #expect(decisions.trail.isEmpty)
        driver.press(.character("n"))
        #expect(decisions.trail.isEmpty)
        #expect(driver.state.overlay == nil)
        driver.press(.character("e"), .character("y"))
        #expect(Set(decisions.current.keys) == Set(ring.jobs.map { driver.state.table.store.jobKey(Int($0)) }))
        #expect(decisions.current.values.allSatisfy { $0.state == .escalated })
    }

    @Test func theRingScreenShowsDecisionsAndMarksOneJobOrTheRing() throws {
        let decisions = FakeDecisions()
        var driver = Driver(Fixture.state(Fixture.demo.0), store: Fixture.demo.1, decisions: decisions)
        driver.press(.character("R"), .enter)
        let focused = try #require(driver.state.focusedJobIndex)
        driver.press(.character("a"))
        #expect(decisions.current.keys.sorted() == [driver.state.table.store.jobKey(focused)])
        driver.press(.character("M"))
        guard case .markMenu(let jobs, let subject)? = driver.state.overlay else {
            Issue.record("M opens the mark menu for the ring")
            return
        }
        #expect(jobs.count > 1)
        #expect(subject?.hasSuffix("jobs of ring " + driver.state.table.ringIndex().rings[0].label) == true)
        driver.press(.character("t"))
        #expect(decisions.current.count == jobs.count)
    }

    @Test func allSuspectsListsTheNamedUsersToo() {
        var driver = Driver(Fixture.state(Fixture.demo.0))
        driver.press(.character("A"))
        guard case .suspectList(let list)? = driver.state.stack.last else {
            Issue.record("no list")
            return
        }
        let table = driver.state.table
        let named = list.jobs.filter { table.isNamedAsSuspect(Int($0)) && table.secureVerdict(Int($0)) != .suspects }
        #expect(!named.isEmpty, "a user named by another job is in the list though their own verdict is clear")
        #expect(list.jobs.allSatisfy { table.secureVerdict(Int($0)) == .suspects || table.isNamedAsSuspect(Int($0)) })
    }

    @Test func nextStepsThroughEveryJobThatNeedsReview() {
        var driver = Driver(Fixture.state(Fixture.demo.0))
        let queue = driver.state.table.reviewQueue()
        var seen = Set<Int>()
        for _ in 0..<(queue.count + 1) {
            driver.press(.character("]"))
            if let job = driver.state.selectedJobIndex { seen.insert(job) }
        }
        #expect(seen.count == queue.count)
        #expect(seen.allSatisfy { queue.needsReview($0) })
        // Smile Secure 5211 jobs are among them, approved or not.
        #expect(seen.contains { driver.state.table.secureVerdict($0) == .suspects && driver.state.table.category($0) == .approved })
    }
}

@Suite("Interrupts")
struct InterruptTests {
    @Test func theFirstCtrlCStopsALoadAndTheSecondQuitsEvenIfItIsStuck() {
        var state = Fixture.state(Fixture.demo.0)
        state.loading = LoadProgress()
        #expect(Reducer.reduce(&state, .interrupt) == [.stopLoading])
        #expect(!state.quitting)
        // The load has not answered (stuck on a read): Ctrl-C again quits.
        #expect(Reducer.reduce(&state, .interrupt) == [])
        #expect(state.quitting)
    }

    /// A stream still copied reports what has come after the stop was asked: the second
    /// Ctrl-C still quits.
    @Test func progressAfterTheStopKeepsItAsked() {
        var state = Fixture.state(Fixture.demo.0)
        state.loading = LoadProgress()
        #expect(Reducer.reduce(&state, .interrupt) == [.stopLoading])
        var received = LoadProgress()
        received.bytesReceived = 4 << 20
        _ = Reducer.reduce(&state, .progress(received))
        #expect(state.loading?.bytesReceived == 4 << 20)
        #expect(state.loading?.stopped == true)
        #expect(Reducer.reduce(&state, .interrupt) == [])
        #expect(state.quitting)
    }
}

@Suite("Copy and paste")
struct CopyPasteTests {
    static let hostile = "kw-user-1\u{1B}[201~\nrm -rf ~\n\u{9B}0m\u{202E}x"

    @Test func copiedTextCarriesNoControlCharacters() throws {
        var record = JobRecord(origin: RecordOrigin(source: 0, line: 1, offset: 0, length: 10), kind: .result)
        record.smileJobID = "1\u{1B}]52;c;x\u{07}"
        record.userID = CopyPasteTests.hostile
        record.resultCode = "0810"
        record.jobTypeText = "6"
        var state = AppState(loaded: LoadedJobs(jobs: [Job(id: "1", current: record)]), title: "t")
        for key in ["u", "y", "Y"] {
            let effects = Reducer.reduce(&state, .key(.character(Character(key))))
            guard case .copy(let text, _)? = effects.first else {
                Issue.record("\(key) copies nothing")
                continue
            }
            #expect(
                !text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E },
                "\(key): \(text.debugDescription)")
        }
    }

    @Test func aPasteIntoTheNotePromptIsOneLineAndNeverKeys() {
        let decisions = FakeDecisions()
        var driver = Driver(Fixture.state(Fixture.demo.0), decisions: decisions)
        driver.press(.character("w"))
        driver.send(.text("first line\r\nsecond line\u{1B}[201~\ra e t"))
        guard case .prompt(let prompt)? = driver.state.overlay else {
            Issue.record("the prompt closed on a pasted line break")
            return
        }
        #expect(prompt.text == "first line second line[201~ a e t")
        #expect(decisions.trail.isEmpty)
        // Pasted outside a prompt: nothing happens at all.
        driver.press(.escape)
        let before = driver.state.focusedJobIndex
        driver.send(.text("aaaa\neeee\ntttt"))
        #expect(decisions.trail.isEmpty)
        #expect(driver.state.focusedJobIndex == before)
    }
}
