/// Which of a job's records is its current result, decided by what the records mean.
///
/// A job gathers a machine judgement, a human review of it, the ID-authority step,
/// job-status polls. Nothing guarantees the order they arrive or are listed in: Smile
/// ID's own published job-status fixture lists the final human judgement first and the
/// ID-authority step last. So records are ranked, in this order of importance:
///
/// 1. a final result (`IsFinalResult` "true", or a job-status saying the job is complete)
///    beats one that says nothing, which beats one that says it is not final;
/// 2. a human judgement (12xx) beats the machine judgement (08xx) it reviewed, and any
///    verdict beats an intermediate step (1012 on Biometric KYC and Enhanced Document
///    Verification is the ID-authority step, not the job's verdict);
/// 3. a later time beats an earlier one, where records carry a time;
/// 4. a response's own `result` beats the items of a `history`;
/// 5. and only then the order the records were read in, the later winning.
///
/// The highest-ranked record is current; sorting by rank gives the steps in the order
/// they happened. The Smile Secure verdict is ranked apart: it sits beside the main
/// result and is never the main one.
public struct ResultRank: Comparable, Sendable, Hashable {
    public enum Finality: UInt8, Sendable, Comparable {
        case notFinal = 0, unstated = 1, final = 2
        public static func < (lhs: Finality, rhs: Finality) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public enum Stage: UInt8, Sendable, Comparable {
        /// A step inside the job (the ID-authority check), not its verdict.
        case step = 0
        /// A machine judgement, or a verdict of a product without human review.
        case verdict = 1
        /// A human reviewer's judgement (12xx).
        case humanJudgement = 2
        public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var finality: Finality
    public var stage: Stage
    /// Milliseconds since 1970, `Int64.min` when the record carries no time.
    public var time: Int64
    /// False for an item of a job-status `history`.
    public var isResponseResult: Bool
    /// The order the record was read in.
    public var reading: ReadingOrder

    public init(finality: Finality, stage: Stage, time: Int64, isResponseResult: Bool, reading: ReadingOrder) {
        self.finality = finality
        self.stage = stage
        self.time = time
        self.isResponseResult = isResponseResult
        self.reading = reading
    }

    public static func < (lhs: ResultRank, rhs: ResultRank) -> Bool {
        if lhs.finality != rhs.finality { return lhs.finality < rhs.finality }
        if lhs.stage != rhs.stage { return lhs.stage < rhs.stage }
        if lhs.time != rhs.time { return lhs.time < rhs.time }
        if lhs.isResponseResult != rhs.isResponseResult { return !lhs.isResponseResult }
        return lhs.reading < rhs.reading
    }

    /// How final a record says it is: `IsFinalResult` first, else a job-status's `job_complete`.
    public static func finality(isFinal: Bool?, jobComplete: Bool?) -> Finality {
        if let isFinal { return isFinal ? .final : .notFinal }
        if let jobComplete { return jobComplete ? .final : .notFinal }
        return .unstated
    }

    /// Job types whose 1012 is the ID-authority step inside the job rather than its verdict.
    public static let jobTypesWithIDStep: Set<Int> = [1, 11]

    /// What a code is within a job of this type.
    public static func stage(code: String?, jobType: Int?) -> Stage {
        guard let code, !code.isEmpty else { return .verdict }
        let normalised = Catalogue.normalise(code)
        if normalised == "1012", let jobType, jobTypesWithIDStep.contains(jobType) { return .step }
        if normalised.count == 4, normalised.hasPrefix("12") { return .humanJudgement }
        return .verdict
    }

    /// The rank of a main record (not a Smile Secure callback). `jobType` is the record's,
    /// else the job's.
    public static func of(_ record: JobRecord, jobType: Int?) -> ResultRank {
        let complete = record.kind == .status || record.origin.part == .result ? record.jobComplete : nil
        var isHistory = false
        if case .history = record.origin.part { isHistory = true }
        return ResultRank(
            finality: finality(isFinal: record.isFinal, jobComplete: complete),
            stage: stage(code: record.resultCode, jobType: record.jobTypeText != nil ? record.jobType : jobType),
            time: record.timestamp?.millisecondsSince1970 ?? Int64.min,
            isResponseResult: !isHistory, reading: record.origin.readingOrder)
    }

    /// The rank of a Smile Secure record among the job's Smile Secure records: time, then reading.
    public static func ofSecure(_ record: JobRecord) -> ResultRank {
        var isHistory = false
        if case .history = record.origin.part { isHistory = true }
        return ResultRank(
            finality: .unstated, stage: .verdict, time: record.timestamp?.millisecondsSince1970 ?? Int64.min,
            isResponseResult: !isHistory, reading: record.origin.readingOrder)
    }

    /// In words, why `self` was chosen over `other` (the next one down).
    public func reason(over other: ResultRank) -> CurrentReason {
        if finality != other.finality { return .finality(self.finality, over: other.finality) }
        if stage != other.stage { return .stage(self.stage, over: other.stage) }
        if time != other.time { return time == Int64.min || other.time == Int64.min ? .onlyOneHasTime : .later }
        if isResponseResult != other.isResponseResult { return .responseResultOverHistory }
        return .readingOrder
    }
}

/// Where a record was read, as an order: sources in the order given, bytes within a
/// source, and a job-status response's history items before its result.
public struct ReadingOrder: Comparable, Sendable, Hashable {
    public var source: Int32
    public var offset: Int64
    /// 0 a whole value, 1 a response's result, 2 + n history item n (as `PackedRecord.part`).
    public var part: Int32

    public init(source: Int32, offset: Int64, part: Int32) {
        self.source = source
        self.offset = offset
        self.part = part
    }

    public static func < (lhs: ReadingOrder, rhs: ReadingOrder) -> Bool {
        (lhs.source, lhs.offset, lhs.part == 1 ? Int32.max : lhs.part) < (rhs.source, rhs.offset, rhs.part == 1 ? Int32.max : rhs.part)
    }
}

extension RecordOrigin {
    public var readingOrder: ReadingOrder {
        ReadingOrder(source: source, offset: offset, part: Int32(part.number))
    }
}

/// Why the current result is current, for the detail screen.
public enum CurrentReason: Sendable, Equatable {
    case onlyOne
    case finality(ResultRank.Finality, over: ResultRank.Finality)
    case stage(ResultRank.Stage, over: ResultRank.Stage)
    case later
    case onlyOneHasTime
    case responseResultOverHistory
    case readingOrder

    public var text: String {
        switch self {
        case .onlyOne: return "the only result loaded"
        case .finality(let chosen, let over):
            if chosen == .final {
                return "it is the final result (IsFinalResult); the others are not" + (over == .unstated ? " said to be final" : "")
            }
            return "it does not say it is not final; the others do"
        case .stage(let chosen, let over):
            switch (chosen, over) {
            case (.humanJudgement, _): return "a human judgement (12xx) outranks the machine judgement it reviewed"
            case (.verdict, .step): return "a verdict outranks the ID-authority step (1012), which is part of the job, not its outcome"
            default: return "a verdict outranks an intermediate step"
            }
        case .later: return "its time is the latest of the job's results of equal standing"
        case .onlyOneHasTime: return "of the job's results of equal standing, only it carries a time"
        case .responseResultOverHistory: return "it is the job-status response's own result; the others are its history"
        case .readingOrder: return "nothing in the records tells them apart (no finality, stage or time): the last read is shown"
        }
    }

    /// True when the choice rests on nothing but reading order: worth a warning.
    public var isGuess: Bool { self == .readingOrder }
}
