import Foundation
import TriageViewModel

/// Time zones for the dashboard, from the system's zone database: `utc`, `local` (the
/// `TZ` environment variable, else the machine's zone) and ids such as `Africa/Lagos`.
enum Zones {
    static func named(_ name: String) -> DisplayZone? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "utc", "z", "gmt": return .utc
        case "local":
            let zone = TimeZone.current
            return make(zone, id: "local")
        default:
            guard let zone = TimeZone(identifier: trimmed) ?? TimeZone(abbreviation: trimmed.uppercased()) else { return nil }
            return make(zone, id: trimmed)
        }
    }

    private static func make(_ zone: TimeZone, id: String) -> DisplayZone {
        // The label is short, for a column heading: the zone's abbreviation ("EAT"), or its
        // offset now ("UTC+1") where the system only knows "GMT+1".
        let abbreviation = zone.abbreviation() ?? "GMT"
        let label: String
        if abbreviation.hasPrefix("GMT") || abbreviation.hasPrefix("UTC") {
            let seconds = zone.secondsFromGMT()
            let hours = abs(seconds) / 3600, minutes = abs(seconds) % 3600 / 60
            label = seconds == 0 ? "UTC" : "UTC" + (seconds < 0 ? "-" : "+") + "\(hours)" + (minutes > 0 ? ":\(minutes)" : "")
        } else {
            label = abbreviation
        }
        return DisplayZone(id: id, label: label) { milliseconds in
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
    }
}
