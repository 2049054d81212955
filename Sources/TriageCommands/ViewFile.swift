import Foundation
import TriageStore
import TriageViewModel

/// The list's column choices, kept between runs beside the decisions database
/// (`$XDG_STATE_HOME/smile-triage/view`). A file that cannot be read or written is no
/// error: the columns are a convenience, not data.
enum ViewFile {
    static var path: String {
        ((DecisionStore.defaultPath() as NSString).deletingLastPathComponent as NSString).appendingPathComponent("view")
    }

    static func load() -> ColumnPreferences? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return ColumnPreferences(fileText: text)
    }

    static func save(_ preferences: ColumnPreferences) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? preferences.fileText.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
