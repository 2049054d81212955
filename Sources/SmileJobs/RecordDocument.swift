/// The whole of one record, read again from its source when someone opens it.
public struct RecordDocument: Sendable, Equatable {
    /// One field, flattened to a path (`PartnerParams.job_id`, `directors[0].name`).
    public struct Field: Sendable, Equatable {
        public var path: String
        public var value: String
        /// True for base64 images and other bulk values, shown as their size.
        public var isBulk: Bool

        public init(path: String, value: String, isBulk: Bool = false) {
            self.path = path
            self.value = value
            self.isBulk = isBulk
        }
    }

    public var record: JobRecord
    public var sourcePath: String
    public var fields: [Field]
    /// The record's JSON, pretty-printed, bulk values shown by size.
    public var rawJSON: String
    /// The same with personal data masked, for a shared screen.
    public var redactedRawJSON: String
    /// What the reader forgave or set aside, with lines.
    public var notes: [String]
    /// People an AML Check found (`people[]`), read for the detail.
    public var amlPeople: [AMLPerson] = []

    public init(record: JobRecord, sourcePath: String, fields: [Field], rawJSON: String, redactedRawJSON: String, notes: [String]) {
        self.record = record
        self.sourcePath = sourcePath
        self.fields = fields
        self.rawJSON = rawJSON
        self.redactedRawJSON = redactedRawJSON
        self.notes = notes
    }

    /// The value of a field by its path, if present.
    public func value(_ path: String) -> String? { fields.first { $0.path == path }?.value }
}
