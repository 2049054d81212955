import Crypto
import Foundation
import SmileJobs
import Synchronization

/// Checks Smile ID signatures: `base64(HMAC-SHA256(key: api_key, message: timestamp +
/// partner_id + "sid_request"))`, with the timestamp exactly as the payload wrote it.
///
/// The API key is a secret: it comes only from `SMILE_API_KEY` or a file readable by its
/// owner alone, never from an argument (it would show in `ps`), and this type never prints
/// it, logs it, or lets it be described.
/// `@unchecked`: swift-crypto does not mark `SymmetricKey` Sendable, but it is a value
/// whose bytes are never changed after init; everything else here is Sendable. Kept as a
/// SymmetricKey (not plain bytes) so the secret is zeroed when freed.
public final class SignatureChecker: @unchecked Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private let key: SymmetricKey
    public let partnerID: String
    /// Where each checked signature was seen, to tell replays.
    public let ledger = SignatureLedger()

    public init(partnerID: String, apiKey: String) {
        self.partnerID = partnerID
        self.key = SymmetricKey(data: Data(apiKey.utf8))
    }

    public var description: String { "SignatureChecker(partner \(partnerID), key hidden)" }
    public var debugDescription: String { description }

    /// The signature Smile ID would send for this timestamp.
    public func expectedSignature(timestamp: String) -> String {
        let message = Data((timestamp + partnerID + "sid_request").utf8)
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).base64EncodedString()
    }

    /// `valid` or `invalid` for a signature (a record without a readable timestamp cannot
    /// hold). Compared in constant time.
    public func check(signature: UnsafeBufferPointer<UInt8>, timestamp: UnsafeBufferPointer<UInt8>?) -> SignatureState {
        guard let timestamp, timestamp.count > 0 else { return .invalid }
        let expected = Array(expectedSignature(timestamp: String(decoding: timestamp, as: UTF8.self)).utf8)
        return SignatureChecker.constantTimeEqual(expected, signature) ? .valid : .invalid
    }

    public func check(signature: String, timestamp: String?) -> SignatureState {
        var signature = signature
        guard var timestamp else { return .invalid }
        return signature.withUTF8 { signatureBytes in
            timestamp.withUTF8 { check(signature: signatureBytes, timestamp: $0) }
        }
    }

    /// Equal bytes, taking the same time whatever differs (only the length shows).
    static func constantTimeEqual(_ expected: [UInt8], _ given: UnsafeBufferPointer<UInt8>) -> Bool {
        var difference = UInt8(expected.count == given.count ? 0 : 1)
        for index in 0..<expected.count {
            let other = index < given.count ? given[index] : 0
            difference |= expected[index] ^ other
        }
        return difference == 0
    }

    /// Where the key may come from, and why one was refused.
    public enum KeySourceError: Error, Sendable {
        case unreadable(String)
        case tooOpen(String, String)
        case empty(String)

        public var message: String {
            switch self {
            case .unreadable(let path): "cannot read the API key file \(path)"
            case .tooOpen(let path, let mode):
                "the API key file \(path) is readable by others (mode \(mode)); make it readable by its owner alone: chmod 600 \(path)"
            case .empty(let path): "the API key file \(path) is empty"
            }
        }
    }

    /// Reads an API key file, refusing one that group or others can read.
    public static func readKeyFile(_ path: String) throws(KeySourceError) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .unreadable(path) }
        let mode = info.st_mode & 0o777
        if mode & 0o077 != 0 { throw .tooOpen(path, String(mode, radix: 8)) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else { throw .empty(path) }
        return key
    }
}

/// Where each checked signature was seen: a signature covers only the timestamp and the
/// partner id, so the same one on two jobs, or on two bodies of one job, was copied from
/// one to the other (replayed). The same record delivered twice is no replay.
public final class SignatureLedger: Sendable {
    /// A record's place in the load.
    public struct Place: Hashable, Sendable {
        public var source: Int32
        public var offset: Int64
    }

    private struct Sighting: Hashable {
        var job: String
        var body: UInt64
    }

    private struct Entry {
        var first: Sighting
        var places: [Place]
        var replayed: Bool
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// The places of replayed signatures, kept as they are found.
        var replayed: Set<Place> = []
    }

    private let state = Mutex(State())

    public init() {}

    func note(signature: String, job: String?, body: UInt64, place: Place) {
        let sighting = Sighting(job: job ?? "", body: body)
        state.withLock { state in
            guard var entry = state.entries[signature] else {
                state.entries[signature] = Entry(first: sighting, places: [place], replayed: false)
                return
            }
            entry.places.append(place)
            if !entry.replayed, entry.first != sighting {
                entry.replayed = true
                state.replayed.formUnion(entry.places)
            } else if entry.replayed {
                state.replayed.insert(place)
            }
            state.entries[signature] = entry
        }
    }

    /// Every place of a signature seen on more than one job or body.
    public func replayedPlaces() -> Set<Place> {
        state.withLock { $0.replayed }
    }

    /// A hash of a record's bytes that ignores white space between JSON tokens: the same
    /// record pretty-printed or compact is the same body.
    static func bodyHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
                if byte == UInt8(ascii: "\"") { inString = true }
            }
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
