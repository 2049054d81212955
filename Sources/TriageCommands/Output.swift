import Foundation
import SmileJobs

/// Where commands write: standard output for results, standard error for one-line errors.
/// Tests run the reports as pure functions, and the real binary for what reaches a file.
///
/// Writes retry when a signal interrupts them, and continue after a short write. What goes
/// to standard error is made inert first (`SafeText`): an error names paths, arguments and
/// config values, and those come from anyone.
enum Output {
    /// The width to wrap text to: `COLUMNS` when set (shells export it), else 80; at
    /// least 40 and at most 200, so a stray value gives no one-word lines.
    static var columns: Int {
        let value = ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) } ?? 80
        return min(200, max(40, value))
    }

    static func write(_ text: String) {
        writeAll(STDOUT_FILENO, text)
    }

    /// Writes to standard error as it is (progress lines that redraw themselves, with the
    /// escape that erases the line: nothing from the input is in them but cleaned text).
    static func errorRaw(_ text: String) {
        writeAll(STDERR_FILENO, text)
    }

    static func error(_ text: String) {
        let line = text.hasSuffix("\n") ? String(text.dropLast()) : text
        writeAll(STDERR_FILENO, SafeText.clean(line, limit: nil) + "\n")
    }

    private static func writeAll(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        let count = bytes.count
        var done = 0
        while done < count {
            let put = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, count - done) }
            if put < 0 {
                if errno == EINTR { continue }
                return
            }
            done += put
        }
    }
}
