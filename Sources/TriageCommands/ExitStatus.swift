import ArgumentParser
import JobIndex
import SmileJobs

/// Exit statuses, as scripts expect them (sysexits.h where one fits).
public enum ExitStatus {
    public static let ok: Int32 = 0
    /// Nothing matched (`explain` of a code no table lists), or a signature is invalid (`verify`).
    public static let notFound: Int32 = 1
    /// Bad usage (ArgumentParser's own validation failures use it too).
    public static let usage: Int32 = 64
    /// Some records could not be read; what could be read was printed.
    public static let dataSkipped: Int32 = 65
    /// A path could not be opened.
    public static let unreadable: Int32 = 66
    /// The decisions database could not be read or written.
    public static let database: Int32 = 74

    /// The status for a finished load.
    public static func forLoad(_ loaded: LoadedJobs) -> Int32 {
        if loaded.hasUnreadablePath { return unreadable }
        if !loaded.problems.isEmpty { return dataSkipped }
        return ok
    }
}

extension ExitCode {
    static func from(_ status: Int32) -> ExitCode { ExitCode(status) }
}
