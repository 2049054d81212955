import Foundation
import SmileJobs
import TolerantJSON

/// Rows of named values, written as CSV or as a JSON array of objects (the same names),
/// for exports and the `decisions` command.
struct TabularOutput {
    var columns: [String]
    var rows: [[JSONValue]] = []

    init(columns: [String]) {
        self.columns = columns
    }

    mutating func append(_ values: [JSONValue]) {
        precondition(values.count == columns.count, "a row has one value per column")
        rows.append(values)
    }

    /// A JSON array of objects; strings escaped by JSON's rules (and every character that
    /// could act on a terminal as `\uXXXX`).
    func json() -> String {
        let objects = rows.map { values in
            JSONValue.object(JSONObject(zip(columns, values).map { JSONObject.Member(key: $0, value: $1) }))
        }
        return JSONWriter.write(.array(objects)) + "\n"
    }

    /// RFC 4180 CSV. Text is made safe to look at in a terminal (controls shown as `\e`,
    /// never cut), and a cell that a spreadsheet would run as a formula (starting `=`, `+`,
    /// `-`, `@`, a tab or a carriage return) starts with `'`: a callback's text must not
    /// become a formula in someone's spreadsheet (OWASP, CSV injection). A cell holding a
    /// separator (`,`, or `;` where it is the list separator: comma-decimal locales), a
    /// quote or a line break is quoted.
    func csv() -> String {
        var output = columns.map(TabularOutput.csvCell).joined(separator: ",") + "\r\n"
        for values in rows {
            output += values.map { TabularOutput.csvCell(TabularOutput.text($0)) }.joined(separator: ",") + "\r\n"
        }
        return output
    }

    static func text(_ value: JSONValue) -> String {
        if let scalar = value.scalarText { return scalar }
        return value == .null ? "" : JSONWriter.write(value, style: .compact)
    }

    static func csvCell(_ raw: String) -> String {
        // A formula is told by the raw cell's first character (a tab or CR would be cleaned to `\t`, `\r`).
        let startsFormula = raw.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
        var text = SafeText.clean(raw, keepNewlines: true, limit: nil)
        if startsFormula { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension JSONValue {
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}
