import SmileJobs
import TolerantJSON

/// Builds the full view of one record from its source bytes.
enum RecordDocumentBuilder {
    /// Strings longer than this are bulk (base64 images, documents) and shown by size.
    static let bulkThreshold = 512

    static func build(record: JobRecord, buffer: UnsafeBufferPointer<UInt8>, path: String) -> RecordDocument? {
        let start = Int(record.origin.offset)
        guard start >= 0, start < buffer.count else { return nil }
        let end = min(buffer.count, start + Int(record.origin.length))
        let slice = UnsafeBufferPointer(rebasing: buffer[start..<end])
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
        flatten(part, path: "", into: &fields)
        if let envelope {
            let outer = JSONObject(envelope.members.filter { $0.key != "result" && $0.key != "history" })
            flatten(.object(outer), path: "response", into: &fields)
        }
        let shown: JSONValue
        if case .history = record.origin.part { shown = part } else { shown = value }
        let elided = elidingBulk(shown)
        return RecordDocument(record: record, sourcePath: path, fields: fields,
                              rawJSON: JSONWriter.write(elided), redactedRawJSON: JSONWriter.write(redacting(elided)), notes: notes)
    }

    static func newlines(in bytes: UnsafeBufferPointer<UInt8>, upTo offset: Int) -> Int {
        var count = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A { count += 1 }
        return count
    }

    /// Flattens nested values to `a.b`, `list[0].c` paths, bulk values summarised.
    static func flatten(_ value: JSONValue, path: String, into fields: inout [RecordDocument.Field]) {
        switch value {
        case .object(let object):
            if object.isEmpty && !path.isEmpty { fields.append(.init(path: path, value: "{}")) }
            for member in object.members {
                flatten(member.value, path: path.isEmpty ? member.key : path + "." + member.key, into: &fields)
            }
        case .array(let items):
            if items.isEmpty { fields.append(.init(path: path, value: "[]")) }
            for (index, item) in items.enumerated() {
                flatten(item, path: "\(path)[\(index)]", into: &fields)
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
