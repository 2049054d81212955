/// One person an AML Check found on a list (`people[]` of a job type 10 result): who, and
/// each politically-exposed-person, sanctions and adverse-media entry with its source.
public struct AMLPerson: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// What it is: "Senator, United States, 2022-01-05 –", "Office of Foreign Assets Control (OFAC)".
        public var title: String
        /// When: listed, published, in office.
        public var date: String?
        /// Where it is said: names and links.
        public var sources: [String]

        public init(title: String, date: String? = nil, sources: [String] = []) {
            self.title = title
            self.date = date
            self.sources = sources
        }
    }

    public var name: String
    public var aliases: [String]
    public var datesOfBirth: [String]
    public var nationalities: [String]
    /// `pep.pep_level`, when the person is politically exposed.
    public var pepLevel: String?
    public var pep: [Entry]
    public var sanctions: [Entry]
    public var adverseMedia: [Entry]
    /// Related people ("Bob Smith, PEP: an associate of …").
    public var associations: [String]

    public init(
        name: String, aliases: [String] = [], datesOfBirth: [String] = [], nationalities: [String] = [],
        pepLevel: String? = nil, pep: [Entry] = [], sanctions: [Entry] = [], adverseMedia: [Entry] = [],
        associations: [String] = []
    ) {
        self.name = name
        self.aliases = aliases
        self.datesOfBirth = datesOfBirth
        self.nationalities = nationalities
        self.pepLevel = pepLevel
        self.pep = pep
        self.sanctions = sanctions
        self.adverseMedia = adverseMedia
        self.associations = associations
    }

    /// "PEP level 1 · 1 sanction · 2 adverse media": what was found, in one line.
    public var tally: String {
        var parts: [String] = []
        if pepLevel != nil || !pep.isEmpty { parts.append("PEP" + (pepLevel.map { " level \($0)" } ?? "")) }
        if !sanctions.isEmpty { parts.append("\(sanctions.count) sanction\(sanctions.count == 1 ? "" : "s")") }
        if !adverseMedia.isEmpty { parts.append("\(adverseMedia.count) adverse media") }
        return parts.isEmpty ? "no entries listed" : parts.joined(separator: " · ")
    }
}
