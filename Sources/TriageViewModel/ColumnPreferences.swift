/// Which of the job list's columns show, and how much room the result text takes from the
/// others: set by `+` / `-`, `:hide` / `:show`, the config (`columns.hide`,
/// `columns.result_extra`), and kept between runs.
public struct ColumnPreferences: Sendable, Equatable {
    /// Columns that can be hidden, by the names the config and `:hide` use.
    public static let hideable = ["user", "product", "code", "secure", "ring", "decision"]

    public var hidden: Set<String> = []
    /// Columns the result text gains (negative: gives) from the user and product columns.
    public var resultExtra = 0

    public init(hidden: Set<String> = [], resultExtra: Int = 0) {
        self.hidden = hidden
        self.resultExtra = resultExtra
    }

    /// `hide=ring,user` and `result_extra=8`, one per line, as the state file keeps them.
    public var fileText: String {
        "hide=" + hidden.sorted().joined(separator: ",") + "\nresult_extra=\(resultExtra)\n"
    }

    public init(fileText: String) {
        for line in fileText.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { String($0).trimmingASCIISpaces() }
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "hide":
                hidden = Set(parts[1].split(separator: ",").map { String($0) }.filter(ColumnPreferences.hideable.contains))
            case "result_extra": resultExtra = max(-40, min(80, Int(parts[1]) ?? 0))
            default: continue
            }
        }
    }
}
