import SmileJobs
import TolerantJSON

/// Reads an AML Check result's `people[]` (as core-ruby's spec publishes it): each person
/// with `pep{pep_level, political_positions[], sources[]}`, `sanctions[{source_details}]`,
/// `adverse_media[]` and `associations[]`. Fields missing or of odd types are left out;
/// at most `maxPeople` are read.
enum AMLReader {
    static let maxPeople = 100
    static let maxEntries = 50

    static func people(in value: JSONValue) -> [AMLPerson] {
        guard let list = value.objectValue?["people"]?.arrayValue else { return [] }
        return list.prefix(maxPeople).compactMap { $0.objectValue.map(person) }
    }

    private static func person(_ object: JSONObject) -> AMLPerson {
        var person = AMLPerson(
            name: text(object["name"]) ?? "(no name)", aliases: texts(object["aliases"]),
            datesOfBirth: texts(object["dates_of_birth"]), nationalities: texts(object["nationalities"]))
        if let pep = object["pep"]?.objectValue {
            person.pepLevel = text(pep["pep_level"])
            let sources = (pep["sources"]?.arrayValue ?? []).compactMap { $0.objectValue.map(source) }.filter { !$0.isEmpty }
            for position in (pep["political_positions"]?.arrayValue ?? []).prefix(maxEntries) {
                guard let position = position.objectValue else { continue }
                let title = [text(position["position"]), text(position["country"])].compactMap { $0 }.joined(separator: ", ")
                let from = text(position["from"]) ?? "?"
                let to = text(position["to"]) ?? ""
                person.pep.append(
                    AMLPerson.Entry(title: title.isEmpty ? "political position" : title, date: "\(from) – \(to)", sources: sources))
            }
            if person.pep.isEmpty, !sources.isEmpty { person.pep.append(AMLPerson.Entry(title: "politically exposed", sources: sources)) }
        }
        for sanction in (object["sanctions"]?.arrayValue ?? []).prefix(maxEntries) {
            guard let sanction = sanction.objectValue else { continue }
            let details = sanction["source_details"]?.objectValue ?? sanction
            let kind = text(details["source_type"])
            let name = text(details["source_name"]) ?? "a sanctions list"
            person.sanctions.append(
                AMLPerson.Entry(
                    title: name + (kind.map { " (\($0))" } ?? ""), date: text(details["listed_date"]).map { "listed " + $0 },
                    sources: texts(details["source_link"])))
        }
        for item in (object["adverse_media"]?.arrayValue ?? []).prefix(maxEntries) {
            guard let item = item.objectValue else { continue }
            let title = text(item["title"]) ?? "an article"
            person.adverseMedia.append(
                AMLPerson.Entry(
                    title: title + (text(item["publisher"]).map { " — \($0)" } ?? ""), date: text(item["date_published"]),
                    sources: texts(item["source_link"])))
        }
        for association in (object["associations"]?.arrayValue ?? []).prefix(maxEntries) {
            guard let association = association.objectValue, let name = text(association["name"]) else { continue }
            let kind = text(association["association_type"]).map { " (\($0))" } ?? ""
            person.associations.append(name + kind + (text(association["relationship"]).map { ": \($0)" } ?? ""))
        }
        return person
    }

    private static func source(_ object: JSONObject) -> String {
        [text(object["source_name"]), text(object["source_link"])].compactMap { $0 }.joined(separator: " ")
    }

    private static func text(_ value: JSONValue?) -> String? { FieldReader.text(value) }

    /// A string, or a list of strings.
    private static func texts(_ value: JSONValue?) -> [String] {
        if let list = value?.arrayValue { return list.prefix(maxEntries).compactMap { FieldReader.text($0) } }
        return FieldReader.text(value).map { [$0] } ?? []
    }
}
