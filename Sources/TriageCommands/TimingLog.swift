import Foundation
import Synchronization

/// Seconds since the process started, at named moments, written to a file as
/// `name seconds` lines (each name once). For the benchmark: `SMILE_TRIAGE_TIMING=FILE`.
/// Marked from any thread (`settled` comes from the thread that works after a load).
final class TimingLog: Sendable {
    private let path: String
    private let marked = Mutex<Set<String>>([])

    init(path: String) {
        self.path = path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
    }

    func mark(_ name: String) {
        marked.withLock { marked in
            guard marked.insert(name).inserted else { return }
            let line = "\(name) \(String(format: "%.3f", TimingLog.secondsSinceStart()))\n"
            if let handle = FileHandle(forWritingAtPath: path) {
                handle.seekToEndOfFile()
                handle.write(Data(line.utf8))
                try? handle.close()
            }
        }
    }

    /// From the kernel's record of when this process started (clock ticks since boot).
    static func secondsSinceStart() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8)
        else { return 0 }
        // Fields after the command name (which is in parentheses and may hold spaces).
        guard let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let startTicks = Double(fields[19]),
            let now = Double(uptime.split(separator: " ").first ?? "")
        else { return 0 }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return now - startTicks / ticks
    }
}
