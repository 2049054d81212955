import Foundation

/// Inside tmux, OSC 52 reaches the outer terminal only when tmux's `set-clipboard` lets
/// it (its default drops it). Loading tmux's own paste buffer as well (`tmux load-buffer
/// -`) means the text is there to paste either way.
enum TmuxBuffer {
    /// True when the text was loaded into tmux's buffer; false outside tmux or on failure.
    static func load(_ text: String) -> Bool {
        guard ProcessInfo.processInfo.environment["TMUX"] != nil else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "load-buffer", "-"]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            input.fileHandleForWriting.write(Data(text.utf8))
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }
}
