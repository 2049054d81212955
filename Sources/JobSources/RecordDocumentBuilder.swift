import SmileJobs
import TolerantJSON

/// Builds the full view of one record from its bytes. What opening a job may cost is
/// bounded: a record larger than `maxRecordBytes` is shown by its first bytes as text, at
/// most `maxFields` fields are listed, long strings are shown by their size.
enum RecordDocumentBuilder {
    /// Strings longer than this are bulk (base64 images, documents) and shown by size.
    static let bulkThreshold = 512
    /// A record larger than this is not parsed for its detail: its first `previewBytes` are shown.
    static let maxRecordBytes = 16 << 20
    static let previewBytes = 64 << 10
    /// Fields listed in a detail, at most; the rest are counted.
    static let maxFields = 2000

    /// A record too large to show in full: what it is, and its first bytes as text.
    static func preview(record: JobRecord, bytes: [UInt8], total: Int, path: String) -> RecordDocument {
        let text = String(decoding: bytes, as: UTF8.self)
        let note =
            "the record is \(ByteSize.format(total)), too large to show in full: its first \(ByteSize.format(bytes.count)) are shown as text"
        return RecordDocument(
            record: record, sourcePath: path, fields: [], rawJSON: text + "\n…",
            redactedRawJSON: "(hidden: the record is shown only as raw text)",
            notes: [note])
    }

    /// `bytes` are the record's own (its value, from its first byte).
    static func build(record: JobRecord, bytes slice: UnsafeBufferPointer<UInt8>, path: String) -> RecordDocument? {
        guard let parsed = try? JSONReader.readValue(in: slice, at: 0) else { return nil }
        var notes = parsed.tolerances.map { tolerance in
            "line \(Int(record.origin.line) + newlines(in: slice, upTo: tolerance.offset)): \(tolerance.message)"
        }
        let value = parsed.value
        var part = value
        var envelope: JSONObject? = nil
        switch record.origin.part {
        case .whole: break
        case .result:
            envelope = value.objectValue
            part = value.objectValue?["result"] ?? .null
        case .history(let index):
            envelope = value.objectValue
            let items = value.objectValue?["history"]?.arrayValue ?? []
            part = items.indices.contains(index) ? items[index] : .null
        }
        if case .records(_, let decoderNotes) = RecordDecoder.decode(value, origin: record.origin) {
            notes.append(contentsOf: decoderNotes)
        }
        var fields: [RecordDocument.Field] = []
        var omitted = 0
        flatten(part, path: "", into: &fields, omitted: &omitted)
        if let envelope {
            let outer = JSONObject(envelope.members.filter { $0.key != "result" && $0.key != "history" })
            flatten(.object(outer), path: "response", into: &fields, omitted: &omitted)
        }
        if omitted > 0 { notes.append("\(omitted) more fields are not listed (the first \(maxFields) are); the raw JSON holds them") }
        let shown: JSONValue
        if case .history = record.origin.part { shown = part } else { shown = value }
        let elided = elidingBulk(shown)
        var document = RecordDocument(
            record: record, sourcePath: path, fields: fields,
            rawJSON: JSONWriter.write(elided), redactedRawJSON: JSONWriter.write(redacting(elided)), notes: notes)
        document.amlPeople = AMLReader.people(in: part)
        return document
    }

    static func newlines(in bytes: UnsafeBufferPointer<UInt8>, upTo offset: Int) -> Int {
        var count = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A { count += 1 }
        return count
    }

    /// Flattens nested values to `a.b`, `list[0].c` paths, bulk values summarised; past
    /// `maxFields`, fields are counted, not listed.
    static func flatten(_ value: JSONValue, path: String, into fields: inout [RecordDocument.Field], omitted: inout Int) {
        if fields.count >= maxFields {
            omitted += value.leafCount
            return
        }
        switch value {
        case .object(let object):
            if object.isEmpty && !path.isEmpty { fields.append(.init(path: path, value: "{}")) }
            for member in object.members {
                flatten(member.value, path: path.isEmpty ? member.key : path + "." + member.key, into: &fields, omitted: &omitted)
            }
        case .array(let items):
            if items.isEmpty { fields.append(.init(path: path, value: "[]")) }
            for (index, item) in items.enumerated() {
                flatten(item, path: "\(path)[\(index)]", into: &fields, omitted: &omitted)
            }
        case .string(let text):
            if let summary = bulkSummary(text) {
                fields.append(.init(path: path, value: summary, isBulk: true))
            } else {
                fields.append(.init(path: path, value: text))
            }
        case .null: fields.append(.init(path: path, value: "null"))
        case .bool, .number: fields.append(.init(path: path, value: value.scalarText ?? ""))
        }
    }

    /// `base64 data, 1.5 MB` for an image, `text, 10.0 MB` for other bulk strings.
    static func bulkSummary(_ text: String) -> String? {
        let count = text.utf8.count
        guard count > bulkThreshold else { return nil }
        if looksLikeBase64(text) {
            return "<base64 data, \(ByteSize.format(count / 4 * 3)) decoded>"
        }
        return "<text, \(ByteSize.format(count)): " + String(text.prefix(120)) + "…>"
    }

    static func looksLikeBase64(_ text: String) -> Bool {
        var body = Substring(text)
        if body.hasPrefix("data:"), let comma = body.firstIndex(of: ",") { body = body[body.index(after: comma)...] }
        return body.utf8.allSatisfy { byte in
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
                || byte == 43 || byte == 47 || byte == 61 || byte == 10 || byte == 13 || byte == 45 || byte == 95
        }
    }

    /// Personal data masked, field by field, at any depth.
    static func redacting(_ value: JSONValue, key: String = "") -> JSONValue {
        switch value {
        case .string(let text):
            guard let kind = PersonalData.kind(ofField: key) else { return value }
            return .string(PersonalData.mask(text, as: kind))
        case .number(let text):
            guard let kind = PersonalData.kind(ofField: key) else { return value }
            return .string(PersonalData.mask(text, as: kind))
        case .array(let items): return .array(items.map { redacting($0, key: key) })
        case .object(let object):
            return .object(JSONObject(object.members.map { .init(key: $0.key, value: redacting($0.value, key: $0.key)) }))
        default: return value
        }
    }

    static func elidingBulk(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return bulkSummary(text).map(JSONValue.string) ?? value
        case .array(let items): return .array(items.map(elidingBulk))
        case .object(let object):
            return .object(JSONObject(object.members.map { .init(key: $0.key, value: elidingBulk($0.value)) }))
        default: return value
        }
    }
}

extension JSONValue {
    /// How many scalar values it holds, at any depth (an empty container counts as one).
    var leafCount: Int {
        switch self {
        case .object(let object): object.members.isEmpty ? 1 : object.members.reduce(0) { $0 + $1.value.leafCount }
        case .array(let items): items.isEmpty ? 1 : items.reduce(0) { $0 + $1.leafCount }
        default: 1
        }
    }
}
