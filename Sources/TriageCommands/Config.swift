import Foundation
import TriageTerminal
import TriageViewModel

/// The optional config file: `$XDG_CONFIG_HOME/smile-triage/config` (else
/// `~/.config/smile-triage/config`), or `--config PATH`. Lines of `name = value`; `#` starts
/// a comment.
///
///     theme = light          # dark, light or mono
///     mouse = on             # on or off (off by default)
///     clipboard = show       # osc52 (default) or show: show copied text to select by hand
///     redact = on            # start with personal data masked
///     key.search = s /       # the keys for a command (see docs/keybindings.md for names)
///     chase.stuck_after_hours = 2   # a pending job older than this is stuck
///     tz = local             # times in utc (default), local or a zone (Africa/Lagos)
///     columns.hide = ring    # list columns to hide (user, product, code, secure, ring, decision)
///     columns.result_extra = 8   # columns the result text takes from user and product
///     search.background_from_jobs = 500000   # from this many jobs a search (and a first sort by a column) runs on its own thread
public struct Config: Equatable, Sendable {
    public var theme: Theme.Name?
    public var mouse = false
    public var osc52 = true
    public var redact = false
    /// Hours a pending job may go before it counts as stuck (nil: the default, 2).
    public var stuckAfterHours: Double?
    /// The zone times are shown in (`tz = local`, `tz = Africa/Lagos`).
    public var timeZone: String?
    /// The job list's columns (`columns.hide = ring,user`, `columns.result_extra = 8`).
    public var columns = ColumnPreferences()
    /// From how many jobs a search typed runs on a thread of its own (nil: the default).
    public var backgroundSearchFrom: Int?
    public var keys: [(Command, [Key])] = []

    public init() {}

    public static func == (lhs: Config, rhs: Config) -> Bool {
        lhs.theme == rhs.theme && lhs.mouse == rhs.mouse && lhs.osc52 == rhs.osc52 && lhs.redact == rhs.redact
            && lhs.stuckAfterHours == rhs.stuckAfterHours && lhs.timeZone == rhs.timeZone && lhs.columns == rhs.columns
            && lhs.backgroundSearchFrom == rhs.backgroundSearchFrom
            && lhs.keys.map(\.0) == rhs.keys.map(\.0) && lhs.keys.map(\.1) == rhs.keys.map(\.1)
    }

    /// A line that could not be read, by file and line.
    public struct Failure: Error, Equatable, Sendable {
        public var path: String
        public var line: Int
        public var message: String

        public var description: String { "\(path):\(line): \(message)" }
    }

    /// Where the config file is looked for.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/smile-triage/config" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/smile-triage/config"
    }

    /// Reads a config file. A missing default file is no error; a missing `--config` file is.
    public static func load(path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(Failure) -> Config {
        let file = path ?? defaultPath(environment: environment)
        guard FileManager.default.fileExists(atPath: file) else {
            if path != nil { throw Failure(path: file, line: 0, message: "no such file") }
            return Config()
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw Failure(path: file, line: 0, message: "cannot read it (is it UTF-8 text, and readable?)")
        }
        return try parse(text, path: file)
    }

    public static func parse(_ text: String, path: String) throws(Failure) -> Config {
        var config = Config()
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = number + 1
            let content = String(rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: .whitespaces)
            if content.isEmpty { continue }
            guard let equals = content.firstIndex(of: "=") else {
                throw Failure(path: path, line: line, message: "expected `name = value`, found \"\(content.prefix(40))\"")
            }
            let name = content[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = content[content.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            func onOff() throws(Failure) -> Bool {
                switch value.lowercased() {
                case "on", "true", "yes": return true
                case "off", "false", "no": return false
                default: throw Failure(path: path, line: line, message: "\(name) takes on or off, not \"\(value)\"")
                }
            }
            switch name {
            case "theme":
                guard let theme = Theme.Name(rawValue: value.lowercased()) else {
                    throw Failure(path: path, line: line, message: "unknown theme \"\(value)\": dark, light or mono")
                }
                config.theme = theme
            case "mouse": config.mouse = try onOff()
            case "redact": config.redact = try onOff()
            case "columns.hide":
                let names = value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces).lowercased() }
                for name in names where !ColumnPreferences.hideable.contains(name) {
                    throw Failure(
                        path: path, line: line,
                        message: "columns.hide: no column \"\(name)\"; use \(ColumnPreferences.hideable.joined(separator: ", "))")
                }
                config.columns.hidden = Set(names)
            case "columns.result_extra":
                guard let extra = Int(value), (-40...80).contains(extra) else {
                    throw Failure(path: path, line: line, message: "columns.result_extra takes a number of columns from -40 to 80")
                }
                config.columns.resultExtra = extra
            case "tz", "time_zone", "timezone":
                guard Zones.named(value) != nil else {
                    throw Failure(path: path, line: line, message: "tz takes utc, local or a zone such as Africa/Lagos, not \"\(value)\"")
                }
                config.timeZone = value
            case "chase.stuck_after_hours", "chase.stuck-after-hours":
                guard let hours = Double(value), hours > 0, hours.isFinite else {
                    throw Failure(path: path, line: line, message: "\(name) takes a number of hours above 0, not \"\(value)\"")
                }
                config.stuckAfterHours = hours
            case "search.background_from_jobs", "search.background-from-jobs":
                guard let jobs = Int(value), jobs >= 0 else {
                    throw Failure(path: path, line: line, message: "\(name) takes a number of jobs, 0 or more, not \"\(value)\"")
                }
                config.backgroundSearchFrom = jobs
            case "clipboard":
                switch value.lowercased() {
                case "osc52": config.osc52 = true
                case "show": config.osc52 = false
                default: throw Failure(path: path, line: line, message: "clipboard takes osc52 or show, not \"\(value)\"")
                }
            default:
                guard name.hasPrefix("key.") else {
                    throw Failure(
                        path: path, line: line,
                        message:
                            "unknown setting \"\(name)\": theme, mouse, clipboard, redact, tz, columns.hide, columns.result_extra, chase.stuck_after_hours, search.background_from_jobs, key.COMMAND"
                    )
                }
                let commandName = String(name.dropFirst(4))
                guard let command = Command(configName: commandName) else {
                    let known = Command.bindable.map(\.configName).joined(separator: ", ")
                    throw Failure(path: path, line: line, message: "unknown command \"\(commandName)\"; commands are \(known)")
                }
                var keys: [Key] = []
                for word in value.split(separator: " ") {
                    guard let key = Key(name: String(word)) else {
                        throw Failure(
                            path: path, line: line, message: "unknown key \"\(word)\": a character, Enter, Esc, Tab, Up, PgDn, Ctrl-F…")
                    }
                    keys.append(key)
                }
                guard !keys.isEmpty else { throw Failure(path: path, line: line, message: "\(name) needs at least one key") }
                config.keys.append((command, keys))
            }
        }
        return config
    }

    /// The standard keymap with this file's bindings applied.
    public var keymap: Keymap {
        var keymap = Keymap.standard
        for (command, keys) in keys { keymap.rebind(command, to: keys) }
        return keymap
    }
}
