import JobIndex
import SmileJobs

/// The `:` command line, as k9s, vim and lnav users expect: every command by its config
/// name (`:quit`, `:rings`, `:mark-cleared`), and verbs that take words: `:filter
/// category=rejected` (the words of `jobs --where`), `:sort time [reverse]`, `:export
/// FILE`, `:goto JOB_ID`, `:user USER_ID`, `:tz utc|local|ZONE`, `:search TEXT`. Tab
/// completes the word being typed; Up and Down walk the history.
public enum ColonCommand: Equatable, Sendable {
    case run(Command)
    case filter([String])
    case sort(SortColumn, reverse: Bool)
    case export(String)
    case goto(String)
    case user(String)
    case timeZone(String)
    case search(String)
    case hide(String)
    case show(String)

    /// The verbs that take words, with how they are written, for completion and the help.
    public static let verbs: [(name: String, usage: String, meaning: String)] = [
        ("filter", "filter WORD…", "narrow the list: category=rejected, product=docv, stuck, since=12h…"),
        ("sort", "sort COLUMN [reverse]", "sort by " + SortColumn.allCases.map(\.word).joined(separator: ", ")),
        ("export", "export FILE", "write the jobs shown to a .csv or .json file"),
        ("goto", "goto JOB_ID", "open a job by its Smile job id, partner job id or key"),
        ("user", "user USER_ID", "every loaded job of a user"),
        ("tz", "tz utc|local|ZONE", "show times in UTC, local time or a zone (Africa/Lagos)"),
        ("search", "search TEXT", "search the list for TEXT"),
        ("hide", "hide COLUMN", "hide a column: " + ColumnPreferences.hideable.joined(separator: ", ")),
        ("show", "show COLUMN", "show a hidden column again (show all: every one)"),
    ]

    /// Short names people type from other tools.
    static let aliases: [String: Command] = ["q": .quit, "q!": .quit, "quit!": .quit, "exit": .quit, "h": .help]

    /// What was wrong with a command line, in words.
    public struct Failure: Error, Equatable, Sendable {
        public var message: String
    }

    public static func parse(_ text: String) -> Result<ColonCommand, Failure> {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first?.lowercased() else { return .failure(Failure(message: "Type a command: :help lists them")) }
        let rest = Array(words.dropFirst())
        let argument = rest.joined(separator: " ")
        func needs(_ what: String) -> Result<ColonCommand, Failure> { .failure(Failure(message: ":\(first) needs \(what)")) }
        switch first {
        case "filter", "where":
            return rest.isEmpty ? needs("filter words (category=rejected, stuck…)") : .success(.filter(rest))
        case "sort":
            guard let name = rest.first else { return needs("a column: " + SortColumn.allCases.map(\.word).joined(separator: ", ")) }
            guard let column = SortColumn.allCases.first(where: { $0.word == name.lowercased() || $0.aliases.contains(name.lowercased()) })
            else {
                return .failure(
                    Failure(message: "no column \"\(SafeText.clean(name))\": " + SortColumn.allCases.map(\.word).joined(separator: ", ")))
            }
            let reverse = rest.dropFirst().contains { ["reverse", "desc", "reversed"].contains($0.lowercased()) }
            return .success(.sort(column, reverse: reverse))
        case "export", "w", "write":
            return argument.isEmpty ? needs("a file name (queue.csv, queue.json)") : .success(.export(argument))
        case "goto", "open", "job":
            return argument.isEmpty ? needs("a job id") : .success(.goto(argument))
        case "user":
            return argument.isEmpty ? needs("a user id") : .success(.user(argument))
        case "tz", "timezone":
            return argument.isEmpty ? needs("utc, local or a zone such as Africa/Lagos") : .success(.timeZone(argument))
        case "search", "find":
            return .success(.search(argument))
        case "hide", "show":
            let name = argument.lowercased()
            guard ColumnPreferences.hideable.contains(name) || (first == "show" && name == "all") else {
                return .failure(Failure(message: ":\(first) takes one of " + ColumnPreferences.hideable.joined(separator: ", ")))
            }
            return .success(first == "hide" ? .hide(name) : .show(name))
        default:
            if let command = aliases[first] ?? Command(configName: first) { return .success(.run(command)) }
            let near = candidates(forWord: first).prefix(4)
            return .failure(
                Failure(
                    message: "no command \"\(SafeText.clean(first))\""
                        + (near.isEmpty ? ": :help lists them" : ": did you mean " + near.map { ":" + $0 }.joined(separator: ", ") + "?")))
        }
    }

    /// Every name the first word can be.
    public static var names: [String] {
        verbs.map(\.name) + Command.bindable.map(\.configName)
    }

    static func candidates(forWord prefix: String) -> [String] {
        names.filter { $0.hasPrefix(prefix.lowercased()) }
    }

    /// The candidates for the word being typed (the last one).
    public static func candidates(for text: String) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let last = words.last ?? ""
        guard words.count > 1 else { return candidates(forWord: last) }
        let options: [String]
        switch words[0].lowercased() {
        case "filter", "where":
            options =
                FilterDimension.all.map { $0.isFlag ? $0.name : $0.name + "=" } + ChaseReasons.all.map(\.id)
                + Category.allCases.map { "category=" + $0.id } + SecureVerdict.allCases.map { "secure=" + $0.rawValue }
                + DecisionFilter.allCases.map { "decision=" + $0.rawValue }
        case "sort": options = words.count == 2 ? SortColumn.allCases.map(\.word) : ["reverse"]
        case "tz", "timezone": options = ["utc", "local", "Africa/Lagos", "Africa/Nairobi", "Africa/Accra", "Africa/Johannesburg"]
        case "hide": options = ColumnPreferences.hideable
        case "show": options = ColumnPreferences.hideable + ["all"]
        default: options = []
        }
        return options.filter { $0.lowercased().hasPrefix(last.lowercased()) }
    }

    /// The text with its last word completed as far as the candidates agree (a space after
    /// a word that is whole), and the candidates when more than one remains.
    public static func complete(_ text: String) -> (text: String, candidates: [String]) {
        let found = candidates(for: text)
        guard !found.isEmpty else { return (text, []) }
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let common = found.dropFirst().reduce(found[0]) { shared, next in
            String(zip(shared, next).prefix { $0.lowercased() == $1.lowercased() }.map(\.0))
        }
        let last = words.last ?? ""
        let completed = common.count >= last.count ? common : last
        words[words.count - 1] = completed
        var result = words.joined(separator: " ")
        if found.count == 1, !completed.hasSuffix("=") { result += " " }
        return (result, found.count == 1 ? [] : found)
    }
}

extension SortColumn {
    /// The column's word on the command line and in `jobs --sort`.
    public var word: String {
        switch self {
        case .time: "time"
        case .job: "job"
        case .user: "user"
        case .product: "product"
        case .code: "code"
        case .category: "category"
        case .secure: "secure"
        case .text: "text"
        }
    }

    var aliases: [String] {
        switch self {
        case .job: ["job-id"]
        case .user: ["user-id"]
        case .text: ["result"]
        default: []
        }
    }
}
