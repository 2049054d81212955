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
    /// A load finished: these jobs replace what was shown.
    case loaded(LoadedJobs)
    /// The full records of a job, read again from their sources.
    case documentsLoaded(job: Int, documents: [RecordDocument])
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
}

/// Work the reducer asks the shell to do; the shell reports back with an action.
public enum Effect: Sendable, Equatable {
    /// Read these records of a job again, in full; answer with `.documentsLoaded`.
    case loadDocuments(job: Int, records: [JobRecord])
    /// Put text on the clipboard (OSC 52); answer with `.copyFinished`.
    case copy(text: String, label: String)
    /// Stop loading, keeping what has been read.
    case stopLoading
    case quit
}

/// How a copy went.
public enum CopyOutcome: Sendable, Equatable {
    /// Sent to the terminal's clipboard.
    case copied(label: String)
    /// The terminal cannot take it: the text is shown for the person to select.
    case showText(label: String, text: String)
}
