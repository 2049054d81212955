import SmileJobs
import TriageViewModel

/// A result text fitted to its column so that what tells codes apart survives: Smile ID's
/// texts share long prefixes ("Machine Judgement - Provisional - Compare Unsure", "…
/// - Possible Spoof"), and cutting the end leaves four codes reading alike. Parts are
/// dropped in order until the text fits: who judged ("Machine Judgement"), then words the
/// category column already says (Provisional, PASS, FAIL, Pending), then the step the
/// product names (Enroll User); only then is it cut.
enum ResultTextFit {
    static let judges: Set<String> = ["machine judgement", "human judgement", "machine judgment", "human judgment"]
    static let categoryWords: Set<String> = [
        "provisional", "pass", "fail", "pending", "approved", "rejected", "pure provisional", "failed",
    ]
    /// The step the product column already names.
    static let stepWords: Set<String> = [
        "enroll user", "failed enroll", "authenticate user", "failed authentication", "failed authenticate",
    ]

    static func fit(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var parts = split(text)
        guard parts.count > 1 else { return text }
        for droppable in [judges, categoryWords, stepWords] {
            let kept = parts.filter { !droppable.contains($0.lowercased()) }
            if !kept.isEmpty, kept.count < parts.count { parts = kept }
            let joined = parts.joined(separator: " - ")
            if DisplayWidth.of(joined) <= width { return joined }
        }
        return parts.joined(separator: " - ")
    }

    /// "Failed Enroll Machine Judgement - FAIL - Compare Rejected" → ["Failed Enroll",
    /// "FAIL", "Compare Rejected"]: by " - ", and a judge named inside a part split off.
    static func split(_ text: String) -> [String] {
        var parts: [String] = []
        // By " - ", and by ". " ("Failed Enroll. FAIL - Image Unusable").
        let pieces = text.split(separator: " - ").flatMap { $0.split(separator: ". ") }.map { String($0).trimmingASCIISpaces() }
        for piece in pieces where !piece.isEmpty {
            var rest = piece
            for judge in ["Machine Judgement", "Human Judgement"] where rest != judge {
                let words = rest.split(separator: " ").map(String.init)
                let judgeWords = judge.split(separator: " ").map(String.init)
                guard
                    let start = (0...(max(0, words.count - judgeWords.count))).first(where: {
                        words.count >= judgeWords.count && Array(words[$0..<($0 + judgeWords.count)]) == judgeWords
                    })
                else { continue }
                let before = words[..<start].joined(separator: " ")
                let after = words[(start + judgeWords.count)...].joined(separator: " ")
                if !before.isEmpty { parts.append(before) }
                parts.append(judge)
                rest = after
            }
            if !rest.isEmpty { parts.append(rest) }
        }
        // "Enroll User." before a judge: the full stop was the judge's.
        for index in parts.indices where parts[index].hasSuffix(".") && parts[index].count > 1 {
            parts[index].removeLast()
        }
        return parts
    }
}
