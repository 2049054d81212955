import JobIndex
import SmileJobs

/// Everything that can happen to the dashboard. The reducer is the only place that acts on them.
public enum Action: Sendable, Equatable {
    /// A key pressed; the keymap turns it into a command (or text, in a prompt).
    case key(Key)
    /// A command, as if its key had been pressed.
    case command(Command)
    /// Text typed or pasted into the open prompt.
    case text(String)
    case resize(Size)
    /// The screen laid out the document on top (a detail, the explainer) in this many rows at
    /// the current width: the scroll position is kept within them. The screen owns layout;
    /// the view-model learns only this number.
    case measured(rows: Int)
    /// The rows of the document on top that hold its find's query, at the width drawn.
    case found(rows: [Int])
    /// The time now, from the shell once a minute: for ages in the detail.
    case clock(Timestamp)
    /// The jobs to chase are worked out (on another thread): count them on the status bar.
    case chaseReady
    /// The list a search sent to another thread made (`Effect.search`); taken only when it
    /// is the newest one and nothing changed the list since.
    case searched(generation: Int, visible: [Int32])
    /// A load finished: these jobs replace what was shown.
    case loaded(LoadedJobs)
    /// The full records of a job, read again from their sources, and why some could not be
    /// (their file changed since it was loaded).
    case documentsLoaded(job: Int, documents: [RecordDocument], unreadable: [String] = [])
    /// What became of a copy the reducer asked for.
    case copyFinished(CopyOutcome)
    /// Show the list with this filter (the frequency view, tests).
    case setFilter(JobFilter)
    /// Open a job's detail directly.
    case openJob(Int)
    /// A mouse click on a screen row: selects it, and opens it when already selected.
    case click(row: Int)
    /// The mouse wheel: rows to move (negative is up).
    case wheel(Int)
    /// How far loading has got.
    case progress(LoadProgress)
    /// Ctrl-C (SIGINT): stops a load that is going on, else quits.
    case interrupt
    /// A line for the status bar from the shell (a warning worth reading at start).
    case notice(String)
    /// Every decision in the database, as the dashboard opens it, and whether it may mark.
    case decisionsLoaded([Decision], marking: MarkingAccess)
    /// Decisions this dashboard asked for are committed to the database.
    case decisionsSaved([Decision], context: MarkContext)
    /// Decisions could not be saved; nothing changed.
    case decisionsFailed(String)
    /// Decisions another process (or person) wrote, seen by polling the database.
    case decisionsChanged([Decision])
    /// A job's audit trail, read for its detail screen.
    case auditLoaded(jobID: String, entries: [AuditEntry])
    /// Every other desk's claim now (this desk's left out by the shell).
    case claimsChanged([Claim])
    /// The team's server was lost, or is back.
    case linkChanged(DecisionsLink)
    /// What became of an export the reducer asked for.
    /// A time zone found by name (nil: no such zone).
    case zoneResolved(name: String, zone: DisplayZone?)
    case exportFinished(ExportOutcome)
}

/// Work the reducer asks the shell to do; the shell reports back with an action.
public enum Effect: Sendable, Equatable {
    /// Read these records of a job again, in full; answer with `.documentsLoaded`.
    case loadDocuments(job: Int, records: [JobRecord])
    /// Put text on the clipboard (OSC 52); answer with `.copyFinished`.
    case copy(text: String, label: String)
    /// Stop loading, keeping what has been read.
    case stopLoading
    /// Commit decisions; answer with `.decisionsSaved` (only once they are on disk) or `.decisionsFailed`.
    case saveDecisions(DecisionRequest, context: MarkContext)
    /// Read a job's audit trail; answer with `.auditLoaded`.
    case loadAudit(jobID: String)
    /// Write these jobs to a file; answer with `.exportFinished`.
    case export(ExportRequest)
    /// Read filter words on top of `base` (`since=12h` needs the clock); answer with
    /// `.setFilter`, or `.notice` saying what is wrong.
    case filterWords([String], base: JobFilter)
    /// Find a time zone by name (utc, local, Africa/Lagos); answer with `.zoneResolved`.
    case resolveZone(String)
    /// Work out the list for the search as it now stands (`SearchRequest`), on another
    /// thread where the shell has one; answer with `.searched`. `narrowing`: the search
    /// extends the one the list shows, so only the list's jobs can match.
    case search(generation: Int, narrowing: Bool)
}

/// Where a mark came from, so the reducer can follow it up once it is saved.
public struct MarkContext: Sendable, Equatable {
    /// The jobs marked, by index.
    public var jobs: [Int]
    /// Move the list's selection to the next job once saved (a single mark on the list).
    public var advance: Bool
    /// Only a note was written (the states were left as they were).
    public var noteOnly: Bool
    /// The undo key's write of earlier decisions (not itself undone by the next undo).
    public var isUndo: Bool

    public init(jobs: [Int], advance: Bool = false, noteOnly: Bool = false, isUndo: Bool = false) {
        self.jobs = jobs
        self.advance = advance
        self.noteOnly = noteOnly
        self.isUndo = isUndo
    }
}

/// The list shown, to be written to a file.
public struct ExportRequest: Sendable, Equatable {
    public var path: String
    public var jobs: [Int32]
    /// Replace a file that is already there (the person confirmed it).
    public var overwrite: Bool

    public init(path: String, jobs: [Int32], overwrite: Bool = false) {
        self.path = path
        self.jobs = jobs
        self.overwrite = overwrite
    }
}

/// How an export went.
public enum ExportOutcome: Sendable, Equatable {
    case written(path: String, jobs: Int, format: String)
    /// The file is there already: the person is asked before it is replaced.
    case exists(path: String)
    case failed(String)
}

/// How a copy went.
public enum CopyOutcome: Sendable, Equatable {
    /// Sent to the terminal as OSC 52 (whether the terminal takes it cannot be known);
    /// `tmuxBuffer`: also loaded into tmux's paste buffer.
    case copied(label: String, tmuxBuffer: Bool = false)
    /// The terminal cannot take it: the text is shown for the person to select.
    case showText(label: String, text: String)
}
