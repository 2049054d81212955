import ArgumentParser
import Foundation
import JobIndex
import JobSources
import SmileJobs
import Synchronization
import TriageScreen
import TriageServerStore
import TriageStore
import TriageTerminal
import TriageViewModel

#if os(Linux)
import CMalloc
#endif

extension Theme.Name: ExpressibleByArgument {}

/// `smile-triage [PATH...]`: the full-screen dashboard.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the dashboard (the default command: `smile-triage PATH...`).",
        discussion: """
            The first frame paints at once; jobs appear while loading goes on (Ctrl-C stops the \
            load and keeps what is read; again quits). Exit statuses: 0 quit; 64 bad usage, or no \
            terminal to draw on; 129, 130, 143 ended by SIGHUP, SIGINT, SIGTERM (the terminal is \
            restored first).
            """
    )

    @OptionGroup var input: InputOptions

    @Flag(name: [.short, .long], help: "Keep reading files as they grow, new files in folders, and standard input.")
    var follow = false

    @Option(name: .long, help: "dark, light or mono (default: the config file's, else dark).")
    var theme: Theme.Name?

    @Flag(name: .long, help: "No colour (NO_COLOR in the environment does the same).")
    var noColor = false

    @Flag(name: .long, help: "Start with personal data masked (p toggles it).")
    var redact = false

    @Option(name: .long, help: "A config file other than $XDG_CONFIG_HOME/smile-triage/config.")
    var config: String?

    @Option(name: .customLong("tz"), help: "Show times in utc (default), local, or a zone such as Africa/Lagos (Z toggles).")
    var timeZone: String?

    @OptionGroup var signing: SigningOptions

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .long, help: "Show decisions but do not allow marking.")
    var readonly = false

    func run() throws {
        // Before any other thread starts: Ctrl-C, SIGTERM, SIGHUP and Ctrl-Z wait in the
        // kernel for the loop to collect them, so the first of two sent together wins.
        SignalGuard.holdStopSignals()
        if let reason = Terminal.unavailableReason() {
            let paths = input.paths.isEmpty ? "PATH" : input.paths.joined(separator: " ")
            Output.error("smile-triage: \(reason); for a report, try `smile-triage summary \(paths)`")
            throw ExitCode(ExitStatus.usage)
        }
        let settings: Config
        do {
            settings = try Config.load(path: config)
        } catch {
            Output.error("smile-triage: config \(error.description)")
            throw ExitCode(ExitStatus.usage)
        }
        // Before the screen is taken: a mistyped path and a wrong zone are said on a normal terminal.
        // (A followed file may not exist yet: `-f` waits for it.)
        let missing = follow ? [] : input.unopenablePaths()
        if !missing.isEmpty {
            for line in missing { Output.error("smile-triage: " + line) }
            throw ExitCode(ExitStatus.unreadable)
        }
        var zone: DisplayZone?
        if let name = timeZone ?? settings.timeZone {
            guard let found = Zones.named(name) else {
                Output.error("smile-triage: --tz \(SafeText.clean(name)): not a time zone; use utc, local or an id such as Africa/Lagos")
                throw ExitCode(ExitStatus.usage)
            }
            zone = found
        }
        var loadOptions = JobLoader.Options()
        loadOptions.follow = follow
        loadOptions.scan.signatures = try signing.checker()
        let live = LiveLoad(paths: try input.resolvedPaths(), options: loadOptions)

        var options = TerminalOptions()
        options.theme = theme ?? settings.theme ?? .dark
        let noColorEnvironment = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        options.color = !(noColor || noColorEnvironment)
        options.mouse = settings.mouse
        options.osc52 = settings.osc52
        let terminal: Terminal
        do {
            terminal = try Terminal(options: options)
        } catch let unavailable as TerminalUnavailable {
            Output.error("smile-triage: \(unavailable.reason)")
            throw ExitCode(ExitStatus.usage)
        }

        var state = AppState(
            loaded: LoadedJobs(), title: input.title, viewport: terminal.size, keymap: settings.keymap,
            redacted: redact || settings.redact)
        state.stuckAfterHours = settings.stuckAfterHours ?? ChaseIndex.defaultStuckAfterHours
        state.backgroundSearchFrom = settings.backgroundSearchFrom ?? AppState.defaultBackgroundSearchFrom
        // The jobs to chase are worked out on another thread once loaded (a pass over every job).
        state.chaseInline = false
        // The config's columns, unless the last run changed them (kept in the state folder).
        let startColumns = ViewFile.load() ?? settings.columns
        state.columns = startColumns
        if let zone {
            state.zone = zone
            if !zone.isUTC { state.otherZone = zone }
        }
        state.loading = LoadProgress()
        state.following = follow
        let opening = DecisionsOpening.open(database.location, readOnly: readonly)
        let session = Session.runner(state: state, store: live.store, opening: opening)
        session.desk = Session.desk()
        defer { session.releaseClaims() }
        var watcher = opening.client.map(TeamWatcher.init(client:))
        watcher?.start()
        defer { watcher?.stop() }
        // A server down as the dashboard starts is tried again until it answers.
        let retry = StoreRetry.worthRetrying(opening, database.location) ? StoreRetry(location: database.location, readOnly: readonly) : nil
        retry?.start()
        defer { retry?.stop() }

        if StoreRetry.worthRetrying(opening, database.location) {
            session.loadDecisions(marking: .unavailable("the server cannot be reached yet; trying again by itself"))
            session.dispatch(
                .notice(
                    "Marking is off: the server cannot be reached; trying again by itself (\(SafeText.clean(database.location.description)))"
                ))
        } else {
            Session.loadDecisions(session, from: opening, readOnlyBecause: readonly ? "opened with --readonly" : nil)
        }
        session.services.copy = { text, label in
            guard terminal.copyToClipboard(text) else { return .showText(label: label, text: text) }
            return .copied(label: label, tmuxBuffer: TmuxBuffer.load(text))
        }
        // Searches on a large table (the config's search.background_from_jobs) run here.
        let searches = BackgroundSearch()
        session.services.searchElsewhere = { searches.submit($0) }
        let loader = BackgroundLoad(live: live, follow: follow)
        session.services.stopLoading = { loader.stopLoading() }
        loader.start()
        defer { loader.finish() }

        // Tests prove a crash gives the terminal back: this traps after the first frame
        // (`overflow`: by overflowing the stack, as runaway recursion would).
        let trap = ProcessInfo.processInfo.environment["SMILE_TRIAGE_TEST_TRAP"]
        let trapForTests = trap == "1" || trap == "overflow"
        // The benchmark reads when the first frame was painted and when loading finished.
        let timing = ProcessInfo.processInfo.environment["SMILE_TRIAGE_TIMING"].map(TimingLog.init(path:))
        var lastMinute = Int64.min
        let warmed = Mutex<JobTable?>(nil)
        // The table on screen, for the warming thread to stop when a newer one (followed
        // files) replaces it.
        let shown = Mutex<JobTable?>(nil)
        var counted: JobTable?
        var adoptedKeys = false
        var snapshotPacing = SnapshotPacing()
        // While loading, the loop looks for a snapshot every 20 ms, not every 100: the last
        // one is taken in that much sooner (the list is whole when the load is, not up to a
        // tenth of a second later). Keys are read at once either way.
        var eventWait: Int32 = 20
        var waitSet = eventWait
        terminal.setEventWait(milliseconds: eventWait)
        let status = TerminalApp.run(
            terminal,
            draw: { size in
                let grid = Renderer.render(session.state, size: size)
                timing?.mark("firstFrame")
                return grid
            },
            handle: { event in
                let before = session.state
                switch event {
                case .key(let key):
                    session.dispatch(.key(key))
                    session.followClaim()
                case .resize(let size): session.dispatch(.resize(size))
                case .click(_, let row): session.dispatch(.click(row: row))
                case .wheel(let rows): session.dispatch(.wheel(rows))
                case .interrupt: session.dispatch(.interrupt)
                case .paste(let text): session.dispatch(.text(text))
                case .tick:
                    if trapForTests {
                        if trap == "overflow" { _ = TestTrap.recurse(1) }
                        fatalError("SMILE_TRIAGE_TEST_TRAP: a deliberate trap, to test that the terminal is restored")
                    }
                    // Another desk's marks show up within half a second, and who is on which
                    // job within a second: found by the watcher's thread, taken in here.
                    if let reached = retry?.take(), let client = reached.client {
                        session.attach(
                            client, marking: Session.marking(reached, readOnlyBecause: readonly ? "opened with --readonly" : nil),
                            notice: reached.notice ?? "Connected to \(SafeText.clean(database.location.description)): marking on")
                        let started = TeamWatcher(client: client)
                        started.start()
                        watcher = started
                    }
                    if let watcher {
                        let news = watcher.take()
                        session.absorb(news)
                        if news.claims != nil { session.followClaim() }
                    }
                    // The jobs to chase, once the thread that works them out is done.
                    if let table = warmed.withLock({ $0 }), table === session.state.table, counted !== table {
                        counted = table
                        session.dispatch(.chaseReady)
                    }
                    // The time, for ages ("3 h ago"), once a minute.
                    let minute = Timestamp.now.millisecondsSince1970 / 60_000
                    if minute != lastMinute {
                        lastMinute = minute
                        session.dispatch(.clock(.now))
                    }
                }
                // Whatever the loader has read since the last look: a snapshot makes the table
                // again (sort, counts, decisions), about a fifth of a second at a million jobs,
                // on a core the readers need. So one is taken no sooner than three times its
                // cost after the last (the end at once): the screen still moves several times
                // a second early on, and the load is not slowed by redrawing its progress.
                if let (loaded, progress) = loader.take(ifDoneOrAfter: snapshotPacing.nextAt) {
                    let started = DispatchTime.now().uptimeNanoseconds
                    // Everything is read: what follows (sort, rings, review queue) is the list made ready.
                    if progress.done { timing?.mark("read") }
                    session.dispatch(.loaded(loaded))
                    shown.withLock { $0 = session.state.table }
                    session.dispatch(.progress(progress))
                    snapshotPacing.took(since: started)
                    if progress.done {
                        eventWait = 100
                        timing?.mark("loaded")
                        let table = session.state.table
                        DispatchQueue.global(qos: .utility).async {
                            // The load's freed buffers go back to the system (the allocator
                            // keeps up to 256 MiB for reuse while loading), before and after
                            // the jobs to chase (whose work space is a pass's worth): at ten
                            // million records, without it, the peak came after the load.
                            handBackFreedMemory()
                            _ = table.chaseIndex()
                            warmed.withLock { $0 = table }
                            handBackFreedMemory()
                            // Then every column's order: a first sort on any is a lookup.
                            table.warmOrders(while: { shown.withLock { $0 === table } })
                            timing?.mark("settled")
                        }
                        if !adoptedKeys {
                            adoptedKeys = true
                            session.adoptContentKeys()
                        }
                    }
                } else if let received = loader.takeReceiving() {
                    session.dispatch(.progress(received))
                }
                // A search's list from its thread; looked for every 10 ms while one runs.
                if let (generation, visible) = searches.take() {
                    session.dispatch(.searched(generation: generation, visible: visible))
                }
                let wait: Int32 = session.state.searching != nil ? 10 : eventWait
                if wait != waitSet {
                    terminal.setEventWait(milliseconds: wait)
                    waitSet = wait
                }
                if session.state.quitting { return .quit(status: event == .interrupt ? 128 + SIGINT : 0) }
                return .keepGoing(repaint: session.state != before)
            })
        if session.state.columns != startColumns { ViewFile.save(session.state.columns) }
        if status != 0 { throw ExitCode(status) }
    }
}

/// Loading on a thread of its own: the latest snapshot waits in a mailbox for the
/// dashboard's next tick (older ones are dropped: only the newest matters).
final class BackgroundLoad: Sendable {
    private let live: LiveLoad
    private let follow: Bool
    private let mailbox = Mutex<(LoadedJobs, LoadProgress)?>(nil)
    /// While streams and gzip files are copied, before any snapshot: how much has come in.
    private let receiving = Mutex<LoadProgress?>(nil)
    /// When the dashboard will next take a snapshot in (uptime nanoseconds): the loader
    /// makes none before then, nor while one waits untaken.
    private let wantedAt = Atomic<UInt64>(0)
    private let stopping = Atomic<Bool>(false)
    private let finishing = Atomic<Bool>(false)

    init(live: LiveLoad, follow: Bool) {
        self.live = live
        self.follow = follow
    }

    func start() {
        DispatchQueue.global().async { [self] in
            LoaderThread.prepare()
            live.run(
                interval: 0.3, stop: { [self] in stopping.load(ordering: .relaxed) || finishing.load(ordering: .relaxed) },
                wantsSnapshot: { [self] in
                    DispatchTime.now().uptimeNanoseconds >= wantedAt.load(ordering: .relaxed)
                        && mailbox.withLock { $0 == nil }
                }
            ) { loaded, progress in
                guard let loaded else {
                    if progress.isReceiving { receiving.withLock { $0 = progress } }
                    return
                }
                // Cleared first: a copy's progress is never taken after the snapshot that follows it.
                receiving.withLock { $0 = nil }
                mailbox.withLock { $0 = (loaded, progress) }
            }
            guard follow else { return }
            while !finishing.load(ordering: .relaxed) {
                usleep(300_000)
                if let update = live.poll() { mailbox.withLock { $0 = update } }
            }
        }
    }

    /// The newest snapshot since the last call, if any: the last one of a load at once, any
    /// other only from `time` on (uptime nanoseconds; it waits in the mailbox till then,
    /// replaced by newer ones).
    func take(ifDoneOrAfter time: UInt64) -> (LoadedJobs, LoadProgress)? {
        let now = DispatchTime.now().uptimeNanoseconds
        wantedAt.store(time, ordering: .relaxed)
        let taken: (LoadedJobs, LoadProgress)? = mailbox.withLock { value in
            guard let held = value, held.1.done || now >= time else { return nil }
            value = nil
            return held
        }
        // None wanted until the dashboard has taken this one in and says when (its next call).
        if taken != nil { wantedAt.store(.max, ordering: .relaxed) }
        return taken
    }

    /// How much of the streams has come in, when that is news since the last call.
    func takeReceiving() -> LoadProgress? { receiving.withLock { $0.take() } }

    func stopLoading() { stopping.store(true, ordering: .relaxed) }

    func finish() { finishing.store(true, ordering: .relaxed) }
}

/// When the dashboard takes the loader's next snapshot: three times the last one's cost after
/// it was taken in, so taking snapshots holds a core at most a quarter of the time.
struct SnapshotPacing {
    private(set) var nextAt: UInt64 = 0

    mutating func took(since started: UInt64) {
        let finished = DispatchTime.now().uptimeNanoseconds
        nextAt = finished + 3 * (finished - started)
    }
}

/// A deliberate stack overflow, for the test that the terminal is restored after one.
enum TestTrap {
    @inline(never)
    static func recurse(_ depth: Int) -> Int {
        guard depth >= 0 else { return 0 }  // never true; says the recursion is meant
        var frame = [Int](repeating: depth, count: 64)
        frame[depth % 64] = recurse(depth + 1)
        return frame.reduce(0, +)
    }
}

/// Returns the heap's free memory to the system (glibc keeps it otherwise, by the
/// executable's `M_TRIM_THRESHOLD`).
private func handBackFreedMemory() {
    #if os(Linux)
    malloc_trim(0)
    #endif
}
