import JobIndex
import SmileJobs

/// The lines of a job's detail screen: the code explained for this job's product, every
/// field, the Actions, the Smile Secure verdict, the history, what the reader forgave, and
/// the raw JSON of each record. Every payload string is made safe, and masked when redacted.
public struct DetailContent {
    let table: JobTable
    let index: Int
    let documents: [RecordDocument]?
    var unreadable: [String] = []
    let redacted: Bool
    let sources: [SourceInfo]
    var triage: Triage?
    /// The zone times are shown in.
    var zone = DisplayZone.utc
    /// The time now, for ages; nil: none shown.
    var now: Timestamp?
    /// Nested objects shown as one line each (`T` in the detail).
    var folded = false
    private var lines: [DocumentLine] = []

    /// What was decided about the job, for its Decision section.
    public struct Triage: Sendable, Equatable {
        public var decision: Decision?
        public var audit: [AuditEntry]?
        public var marking: MarkingAccess
        /// Other desks on this job now.
        public var claims: [Claim]

        public init(decision: Decision?, audit: [AuditEntry]?, marking: MarkingAccess, claims: [Claim] = []) {
            self.decision = decision
            self.audit = audit
            self.marking = marking
            self.claims = claims
        }
    }

    public static func build(
        table: JobTable, job index: Int, documents: [RecordDocument]?, unreadable: [String] = [],
        sources: [SourceInfo], redacted: Bool, triage: Triage? = nil, zone: DisplayZone = .utc, now: Timestamp? = nil,
        folded: Bool = false
    ) -> [DocumentLine] {
        var content = DetailContent(
            table: table, index: index, documents: documents,
            redacted: redacted, sources: sources)
        content.triage = triage
        content.zone = zone
        content.now = now
        content.folded = folded
        content.unreadable = unreadable
        content.compose()
        return content.lines
    }

    private init(table: JobTable, index: Int, documents: [RecordDocument]?, redacted: Bool, sources: [SourceInfo]) {
        self.sources = sources
        self.table = table
        self.index = index
        self.job = table.jobs[index]
        self.documents = documents
        self.redacted = redacted
    }

    /// The job, made once for the whole screen (a job of thousands of records is not cheap).
    private let job: Job

    /// Suspects listed in a detail, at most (the Smile Secure screen lists them all).
    static let maxSuspectsShown = 50

    private mutating func compose() {
        result()
        review()
        chase()
        decisionSection()
        jobFields()
        enrolleeFlags()
        idFields()
        imageLinks()
        actions()
        amlFindings()
        smileSecure()
        history()
        otherFields()
        notes()
        rawJSON()
    }

    // MARK: - Sections

    private mutating func result() {
        section("Result")
        let category = job.category
        var head = [Span(" " + category.badge + " ", StyleRole(category)), Span("  ")]
        if let code = job.resultCode { head.append(Span(safe(code) + "  ", .accent)) }
        head.append(Span(safe(job.resultText ?? "(no result text)")))
        lines.append(StyledLine(head))
        if let explanation = job.explanation(catalogue: table.catalogue) {
            lines.append(StyledLine([Span("How this code reads: ", .label), Span(explanation.basisNote, .dim)]))
            for entry in explanation.meanings {
                let applies = job.jobType.map { entry.applies(toJobType: $0) } ?? false
                lines.append(
                    StyledLine([
                        Span(applies ? "▸ " : "  ", .accent),
                        Span(entry.product.name, .title),
                        Span("  " + entry.text + (entry.deprecated ? " (deprecated)" : "")),
                        Span("  " + entry.outcomeLabel, StyleRole(entry)),
                    ]))
                if !entry.description.isEmpty { wrapped(entry.description, indent: 4, role: .normal) }
                for note in entry.notes { wrapped("Note: " + note, indent: 4, role: .dim) }
            }
        } else {
            wrapped(job.categoryBasis, indent: 0, role: .dim)
        }
        if let status = job.current?.statusCode {
            let meaning = StatusCode.lookup(status)?.text ?? "unknown status code"
            field("Job status", "\(safe(status)) \(meaning)")
        }
        if job.category != .unknown, job.current?.resultCode == nil {
            field("Category from", job.categoryBasis)
        } else if let code = job.current?.resultCode, ResultRank.stage(code: code, jobType: job.current?.jobType ?? job.jobType) == .step {
            field("Category from", job.categoryBasis)
        }
        if !job.earlier.isEmpty {
            field("Why current", job.currentReason.text, role: job.currentReason.isGuess ? .warning : .dim)
        }
    }

    /// Why the job needs a person, in words; nothing when it needs no one.
    private mutating func review() {
        let queue = table.reviewQueue()
        let reasons = queue.explanations(job: index, store: table.store, rings: table.ringIndex())
        guard !reasons.isEmpty else { return }
        section("Needs review")
        for reason in reasons { wrapped("⚑ " + reason, indent: 0, role: .review) }
    }

    /// Why the job needs chasing (stuck, callback never arrived, duplicate), in words.
    private mutating func chase() {
        let reasons = table.chaseIndex().explanations(job: index, store: table.store)
        guard !reasons.isEmpty else { return }
        section("To chase")
        for reason in reasons { wrapped("↻ " + reason, indent: 0, role: .warning) }
    }

    /// What Smile ID's enrollee info says of the job's user.
    private mutating func enrolleeFlags() {
        guard let user = job.userID, let flags = table.store.enrollee(ofUser: user) else { return }
        section("User (Smile ID enrollee info)")
        let set = flags.setFlags
        wrapped(
            set.isEmpty ? "no flag set" : set.joined(separator: " · "), indent: 1, role: flags.isFraudulent == true ? .errorText : .normal)
        let given = flags.named.filter { $0.value != nil }.map { "\($0.name) \($0.value! ? "true" : "false")" }
        wrapped(given.joined(separator: "  "), indent: 1, role: .dim)
    }

    /// The job's images, as links (`image_links` of a job-status response).
    private mutating func imageLinks() {
        let links = (documents ?? []).flatMap { $0.fields }.filter { $0.path.contains("image_links.") && $0.value.hasPrefix("http") }
        guard !links.isEmpty else { return }
        section("Images")
        var seen = Set<String>()
        for link in links where seen.insert(link.value).inserted {
            let name = link.path.split(separator: ".").last.map(String.init) ?? link.path
            field(name.replacingUnderscores, redacted ? "(hidden while personal data is hidden)" : link.value)
        }
    }

    /// Each person an AML Check found, with PEP, sanctions and adverse-media entries and their sources.
    private mutating func amlFindings() {
        let people = documents?.first?.amlPeople ?? []
        guard !people.isEmpty else { return }
        section("AML Check: \(people.count) \(people.count == 1 ? "person" : "people") found")
        for person in people {
            lines.append(StyledLine([Span(" " + personal("FullName", safe(person.name)), .title), Span("  " + person.tally, .review)]))
            if !person.aliases.isEmpty {
                field("  Also known as", person.aliases.map { personal("FullName", safe($0)) }.joined(separator: "; "))
            }
            if !person.datesOfBirth.isEmpty {
                field("  Born", person.datesOfBirth.map { personal("DOB", safe($0)) }.joined(separator: "; "))
            }
            if !person.nationalities.isEmpty { field("  Nationality", safe(person.nationalities.joined(separator: ", "))) }
            func entries(_ title: String, _ list: [AMLPerson.Entry]) {
                guard !list.isEmpty else { return }
                lines.append(StyledLine([Span("  " + title, .label)]))
                for entry in list {
                    wrapped("• " + safe(entry.title) + (entry.date.map { "  " + safe($0) } ?? ""), indent: 3, role: .normal)
                    for source in entry.sources { wrapped("source: " + safe(source), indent: 5, role: .dim) }
                }
            }
            entries("Politically exposed" + (person.pepLevel.map { " (level \(safe($0)))" } ?? ""), person.pep)
            entries("Sanctions", person.sanctions)
            entries("Adverse media", person.adverseMedia)
            if !person.associations.isEmpty {
                lines.append(StyledLine([Span("  Associations", .label)]))
                for association in person.associations { wrapped("• " + personal("FullName", safe(association)), indent: 3, role: .normal) }
            }
        }
    }

    /// The decision, who made it and when, the note, and the latest of the trail.
    private mutating func decisionSection() {
        guard let triage else { return }
        section("Decision")
        if let decision = triage.decision {
            let role = StyleRole(decision: decision.state)
            lines.append(
                StyledLine([
                    Span(" " + decision.state.label.uppercased() + " ", role),
                    Span("  by \(safe(decision.who)) · \(zone.labelled(decision.at))", .dim),
                ]))
            if !decision.note.isEmpty {
                lines.append(StyledLine([label("Note")]))
                // A note may name the person: hidden with the rest of their data.
                wrapped(
                    redacted ? "(hidden while personal data is hidden)" : safe(decision.note), indent: 2, role: redacted ? .dim : .normal)
            }
        } else {
            lines.append(StyledLine([Span(" UNTRIAGED ", .dim), Span("  no decision yet", .dim)]))
        }
        switch triage.marking {
        case .readOnly(let reason): wrapped("Read-only: " + reason, indent: 0, role: .warning)
        case .writable, .unavailable: break
        }
        // Another desk is on this job: a mark here is allowed, and warned about.
        for claim in triage.claims {
            lines.append(
                StyledLine([
                    Span(" \(safe(claim.who)) is on this job ", .warning),
                    Span("  opened at their desk; the claim ends \(zone.labelled(claim.until)) unless renewed", .dim),
                ]))
        }
        // One entry is the decision above; more are its history.
        if let audit = triage.audit, audit.count > 1 {
            let shown = audit.suffix(5)
            lines.append(
                StyledLine([label("Trail"), Span(audit.count > shown.count ? "latest \(shown.count) of \(audit.count)" : "", .dim)]))
            for entry in shown.reversed() {
                let change =
                    entry.previousState == entry.state
                    ? entry.state.label + " · note"
                    : (entry.previousState.map { $0.label + " → " } ?? "") + entry.state.label
                var spans = [Span("  " + zone.text(entry.at) + "  ", .dim), Span(safe(entry.who) + "  "), Span(change, .accent)]
                if !entry.note.isEmpty && !redacted { spans.append(Span("  \"" + safe(entry.note) + "\"", .dim)) }
                lines.append(StyledLine(spans))
            }
        }
    }

    private mutating func jobFields() {
        section("Job")
        field("Smile job id", job.smileJobID ?? "—")
        field("Partner job id", job.partnerJobID ?? "—")
        var userNote = ""
        if let user = job.userID {
            let count = table.jobs(ofUser: user).count
            userNote = count > 1 ? "  (\(count) jobs of this user loaded)" : ""
            let rings = table.ringIndex()
            if let ring = rings.ring(ofUser: user) {
                userNote += "  ring " + rings.rings[ring].label
            }
        }
        lines.append(StyledLine([label("User id"), Span(safe(job.userID ?? "—")), Span(userNote, .marker)]))
        let types = job.jobTypeText.map { " (job type \(safe($0)))" } ?? ""
        field("Product", table.productName(index) + types)
        field(
            "Time",
            job.timestamp.map { time in zone.labelled(time) + (now.map { " · " + Age.words(from: time, to: $0) } ?? "") } ?? "—")
        if let document = documents?.first {
            for (name, path) in [
                ("Source", "Source"), ("Result type", "ResultType"), ("Confidence", "ConfidenceValue"),
                ("Final result", "IsFinalResult"), ("Machine result", "IsMachineResult"),
            ] {
                if let value = document.value(path) { field(name, value) }
            }
            if let raw = document.value("timestamp") ?? document.value("response.timestamp") { field("Sent as", raw) }
        }
        let partnerKeys = documents?.first?.fields.filter { $0.path.hasPrefix("PartnerParams.") } ?? []
        for key in partnerKeys where !["PartnerParams.job_id", "PartnerParams.user_id", "PartnerParams.job_type"].contains(key.path) {
            field(String(key.path.dropFirst("PartnerParams.".count)), personal(key.path, key.value))
        }
        let signature = job.current?.signature ?? job.secureRecord?.signature ?? .unsigned
        lines.append(
            StyledLine([
                label("Signature"),
                Span(
                    signature.rawValue,
                    signature == .invalid || signature == .replayed ? .errorText : (signature == .valid ? .success : .dim)),
                Span("  " + SignatureWording.explain(signature), .dim),
            ]))
        if let origin = job.primary?.origin {
            field("Read from", sourcePath(origin) + ":\(origin.line)")
        }
        if !job.duplicates.isEmpty {
            let places = job.duplicates.prefix(5).map { sourcePath($0) + ":\($0.line)" }.joined(separator: ", ")
            field("Also delivered", places + (job.duplicates.count > 5 ? " and \(job.duplicates.count - 5) more" : ""))
        }
    }

    private mutating func idFields() {
        let wanted = [
            ("Country", "Country"), ("ID type", "IDType"), ("ID number", "IDNumber"), ("Full name", "FullName"),
            ("First name", "FirstName"), ("Last name", "LastName"), ("Other name", "OtherName"),
            ("Date of birth", "DOB"), ("Gender", "Gender"), ("Issued", "IssuanceDate"), ("Expiration", "ExpirationDate"),
            ("Secondary ID", "SecondaryIDNumber"),
            ("Phone", "PhoneNumber"), ("Address", "Address"), ("Photo", "Photo"), ("Document", "Document"),
        ]
        var found: [(String, String, String)] = []
        if let document = documents?.first {
            for (name, path) in wanted {
                // An enrollee-info history item writes them snake_case under id_check.
                if let value = document.value(path) ?? document.value("id_check." + (IDFields.snakeCase[path] ?? path)) {
                    found.append((name, path, value))
                }
            }
        } else {
            if let country = job.country { found.append(("Country", "Country", country)) }
            if let idType = job.idType { found.append(("ID type", "IDType", idType)) }
            if let name = job.fullName { found.append(("Full name", "FullName", name)) }
        }
        guard !found.isEmpty else { return }
        section("ID")
        for (name, path, value) in found { field(name, personal(path, value)) }
    }

    private mutating func actions() {
        let actions = job.actions
        guard !actions.isEmpty else { return }
        section("Actions")
        let nameWidth = min(36, actions.map { DisplayWidth.of(safe($0.name)) }.max() ?? 10)
        for action in actions {
            lines.append(
                StyledLine([
                    Span(" " + DisplayWidth.fit(safe(action.name), to: nameWidth) + "  ", .label),
                    Span(safe(action.value), StyleRole(action.outcome)),
                ]))
        }
    }

    private mutating func smileSecure() {
        section("Smile Secure")
        let verdict = job.secureVerdict
        guard let secure = job.secure else {
            lines.append(StyledLine(" No Smile Secure callback loaded for this job.", .dim))
            namedBy()
            return
        }
        lines.append(
            StyledLine([
                Span(" " + verdict.rawValue.uppercased() + " ", StyleRole(verdict)), Span("  "),
                Span(safe([secure.code, secure.text].compactMap { $0 }.joined(separator: " "))),
            ]))
        if !secure.fraudSources.isEmpty { field("Fraud sources", secure.fraudSources.joined(separator: ", ")) }
        let shownSuspects = secure.suspects.prefix(DetailContent.maxSuspectsShown)
        for suspect in shownSuspects {
            let loaded = table.jobs(ofUser: suspect.userID).count
            let whereLoaded = loaded == 0 ? "not in the loaded data" : "\(loaded) job\(loaded == 1 ? "" : "s") loaded"
            lines.append(
                StyledLine([
                    Span("  " + safe(suspect.userID), .secureSuspect),
                    Span("  " + (suspect.reasons.isEmpty ? "(no reason given)" : suspect.reasons.map(safe).joined(separator: ", "))),
                    Span("  " + whereLoaded, .dim),
                ]))
        }
        let more = secure.suspectCount - shownSuspects.count
        if more > 0 { lines.append(StyledLine("  … and \(more) more suspect users (the callback lists \(secure.suspectCount))", .dim)) }
        if !secure.suspects.isEmpty { lines.append(StyledLine("  S: the suspects and their jobs", .dim)) }
        namedBy()
    }

    /// Other jobs' Smile Secure verdicts that name this job's user.
    private mutating func namedBy() {
        guard let user = job.userID else { return }
        let links = table.ringIndex().namedBy(user)
        guard !links.isEmpty else { return }
        lines.append(
            StyledLine([
                label("Named by"),
                Span("\(links.count) other job\(links.count == 1 ? "" : "s") name this user as a suspect", .secureSuspect),
            ]))
        for link in links.prefix(20) {
            let reasons = link.reasons.isEmpty ? "(no reason given)" : link.reasons.map(safe).joined(separator: ", ")
            lines.append(
                StyledLine([
                    Span("  " + safe(link.from), .secureSuspect), Span("  " + reasons),
                    Span("  in job " + safe(table.store.jobKey(Int(link.job))), .dim),
                ]))
        }
        if links.count > 20 { lines.append(StyledLine("  … and \(links.count - 20) more", .dim)) }
    }

    /// The job's results in the order they happened (ranked: the step, the machine
    /// judgement, the human review…), the current one last, then earlier Smile Secure callbacks.
    private mutating func history() {
        guard !job.earlier.isEmpty || !job.earlierSecure.isEmpty else { return }
        section("History (in the order they happened; the current result last)")
        let steps = job.earlier + (job.current.map { [$0] } ?? [])
        for (position, record) in steps.enumerated() {
            historyLine(record, current: position == steps.count - 1 && job.current != nil)
        }
        for record in job.earlierSecure { historyLine(record, current: false) }
    }

    private mutating func historyLine(_ record: JobRecord, current: Bool) {
        let code = record.displayCode ?? "—"
        let explanation = record.resultCode.map {
            table.catalogue.explain(code: $0, jobType: record.jobType ?? job.jobType, resultText: record.resultText)
        }
        let category = record.kind == .smileSecure ? nil : explanation?.category
        var spans = [
            Span(current ? "▸" : " ", .accent),
            Span((record.timestamp.map(zone.text) ?? "(no time)          ") + "  ", .dim),
            Span(code + "  ", .accent),
            Span(category.map { DisplayWidth.fit($0.badge, to: 9) } ?? "SECURE   ", category.map(StyleRole.init) ?? .dim),
            Span(safe(record.resultText ?? record.secure?.text ?? "")),
        ]
        var tags: [String] = []
        if let final = record.isFinal { tags.append(final ? "final" : "not final") }
        if record.kind != .smileSecure, let code = record.resultCode {
            switch ResultRank.stage(code: code, jobType: record.jobType ?? job.jobType) {
            case .step: tags.append("ID-authority step")
            case .humanJudgement: tags.append("human review")
            case .verdict: if record.isMachine == true || code.hasPrefix("08") { tags.append("machine") }
            }
        }
        if case .history(let item) = record.origin.part { tags.append("history item \(item + 1)") }
        if current { tags.append("current") }
        if !tags.isEmpty { spans.append(Span("  (" + tags.joined(separator: ", ") + ")", .dim)) }
        lines.append(StyledLine(spans))
    }

    private mutating func otherFields() {
        guard let document = documents?.first else { return }
        let shown = Set<String>([
            "SmileJobID", "ResultCode", "ResultText", "PartnerParams.job_id", "PartnerParams.user_id",
            "PartnerParams.job_type", "Source", "ResultType", "ConfidenceValue", "IsFinalResult",
            "IsMachineResult", "timestamp", "Country", "IDType", "IDNumber", "FullName", "DOB", "Gender",
            "ExpirationDate", "PhoneNumber", "Address", "Photo", "Document",
        ])
        .union(IDFields.snakeCase.values.map { "id_check." + $0 })
        let rest = document.fields.filter {
            !shown.contains($0.path) && !$0.path.hasPrefix("people[") && !$0.path.contains("image_links.") && !$0.path.hasPrefix("Actions.")
                && !$0.path.hasPrefix("PartnerParams.")
                && !$0.path.hasPrefix("Antifraud.")
        }
        guard !rest.isEmpty else { return }
        section(
            "Other fields"
                + (rest.contains { $0.path.contains(".") || $0.path.contains("[") } ? (folded ? " (T unfolds)" : " (T folds)") : ""))
        // Nested objects as an indented tree (FullData, company_information…): each level's
        // name once, its fields under it; folded, each top-level object is one line.
        if folded {
            var order: [String] = []
            var counts: [String: Int] = [:]
            for item in rest {
                let components = FieldPath.components(item.path)
                guard components.count > 1 else {
                    field(item.path, personal(item.path, item.value), role: item.isBulk ? .dim : .normal)
                    continue
                }
                if counts[components[0]] == nil { order.append(components[0]) }
                counts[components[0], default: 0] += 1
            }
            for name in order { field(name, "{\(counts[name]!) field\(counts[name]! == 1 ? "" : "s")}", role: .dim) }
            return
        }
        var open: [String] = []
        for item in rest {
            let components = FieldPath.components(item.path)
            var depth = 0
            while depth < min(open.count, components.count - 1), open[depth] == components[depth] { depth += 1 }
            open = Array(open.prefix(depth))
            while open.count < components.count - 1 {
                let name = components[open.count]
                lines.append(StyledLine([Span(" " + String(repeating: "  ", count: open.count) + safe(name), .label)]))
                open.append(name)
            }
            let label = String(repeating: "  ", count: open.count) + (components.last ?? item.path)
            field(label, personal(item.path, item.value), role: item.isBulk ? .dim : .normal)
        }
    }

    private mutating func notes() {
        let all = (documents ?? []).flatMap { document in document.notes.map { "\(document.sourcePath) \($0)" } }
        guard !all.isEmpty else { return }
        section("What the reader forgave or set aside")
        for note in all { wrapped(note, indent: 1, role: .warning) }
    }

    private mutating func rawJSON() {
        guard let documents else {
            section("Raw JSON")
            lines.append(StyledLine(" Reading the full record…", .dim))
            return
        }
        if !unreadable.isEmpty {
            section("Records that cannot be read again")
            for reason in unreadable { wrapped(reason, indent: 1, role: .warning) }
            wrapped("What the list and this screen show was read when the file was loaded; it is kept.", indent: 1, role: .dim)
        }
        for document in documents {
            let what: String
            switch document.record.kind {
            case .smileSecure: what = "Smile Secure callback"
            case .status: what = "job-status response"
            case .stated:
                what = StatedStatus(word: document.record.statedStatus ?? "")?.responseName ?? "status response"
            case .result:
                switch document.record.origin.part {
                case .history(let item) where document.record.enrollee != nil: what = "enrollee-info history item \(item + 1)"
                case .history(let item): what = "history item \(item + 1)"
                case .result: what = "job-status response"
                case .whole: what = "callback"
                }
            }
            section("Raw JSON: \(what), \(document.sourcePath):\(document.record.origin.line)")
            let text = redacted ? document.redactedRawJSON : document.rawJSON
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(StyledLine(" " + SafeText.clean(String(line)), .json))
            }
        }
    }

    // MARK: - Helpers

    private mutating func section(_ title: String) {
        if !lines.isEmpty { lines.append(DocumentLine.blank) }
        lines.append(.rule(title))
    }

    private mutating func field(_ name: String, _ value: String, role: StyleRole = .normal) {
        lines.append(.field(name, value, role: role))
    }

    private mutating func wrapped(_ text: String, indent: Int, role: StyleRole) {
        lines.append(.wrapped(safe(text), indent: indent + 1, margin: 0, role: role))
    }

    private func label(_ text: String) -> Span {
        Span(" " + DisplayWidth.fit(text, to: DocumentLine.labelWidth - 2) + " ", .label)
    }

    private func safe(_ text: String) -> String { SafeText.clean(text) }

    private func personal(_ path: String, _ value: String) -> String {
        guard redacted, let kind = PersonalData.kind(ofField: path) else { return value }
        return PersonalData.mask(value, as: kind)
    }

    private func sourcePath(_ origin: RecordOrigin) -> String {
        let index = Int(origin.source)
        return SafeText.clean(sources.indices.contains(index) ? sources[index].displayName : "source \(index + 1)")
    }
}

/// What each signature state means, in words.
public enum SignatureWording {
    public static func explain(_ state: SignatureState) -> String {
        switch state {
        case .valid: "signature valid — covers the timestamp and partner id, not the body"
        case .invalid: "recomputed with the API key: IT DOES NOT MATCH (forged, or the timestamp altered?)"
        case .replayed: "REPLAYED: the same signature is on another job or another body (it covers only the timestamp and partner id)"
        case .unsigned: "the record carries no signature"
        case .legacy: "a legacy sec_key: needs Smile ID's key to check"
        case .unchecked: "signed; give SMILE_API_KEY to check it"
        }
    }
}

/// The ID fields as an enrollee-info response's `id_check` names them.
enum IDFields {
    static let snakeCase: [String: String] = [
        "Country": "country", "IDType": "id_type", "IDNumber": "id_number", "FullName": "name", "DOB": "dob",
        "Gender": "gender", "ExpirationDate": "expiration_date", "PhoneNumber": "phone_number", "Address": "address",
        "Photo": "photo", "Document": "document",
    ]
}

extension String {
    /// `selfie_image` → `selfie image`.
    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}

/// How long ago, in words a person reads at a glance: "40 s ago", "3 h ago", "2 d ago".
public enum Age {
    public static func words(from time: Timestamp, to now: Timestamp) -> String {
        let seconds = (now.millisecondsSince1970 - time.millisecondsSince1970) / 1000
        if seconds < 0 { return "in the future (the sender's clock?)" }
        switch seconds {
        case ..<60: return "\(seconds) s ago"
        case ..<3600: return "\(seconds / 60) min ago"
        case ..<(48 * 3600): return "\(seconds / 3600) h ago"
        default: return "\(seconds / 86400) d ago"
        }
    }
}

/// A flattened field path taken apart: `company_information.directors[0].name` →
/// `company_information`, `directors[0]`, `name`.
enum FieldPath {
    static func components(_ path: String) -> [String] {
        path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}
