import Foundation

/// Where commands write: standard output for results, standard error for one-line errors.
/// Tests run the reports as pure functions, and the real binary for what reaches a file.
enum Output {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes to standard error as it is (progress lines that redraw themselves).
    static func errorRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
