import Foundation
import SmileJobs

/// One thing to read: a file, or standard input.
public enum InputSource: Sendable, Hashable {
    case file(String)
    case standardInput

    public var path: String {
        switch self {
        case .file(let path): path
        case .standardInput: "-"
        }
    }
}

/// Turns the paths a user named into files to read: files as named (whatever their
/// extension), folders walked recursively for `.json`, `.ndjson`, `.jsonl` and their `.gz`
/// forms, `-` for standard input. Links are followed; a link that leads back into a
/// folder being walked is reported, not followed forever.
public enum InputExpander {
    public static let recordExtensions: Set<String> = ["json", "ndjson", "jsonl"]

    public static func expand(_ paths: [String]) -> (sources: [InputSource], problems: [Problem]) {
        var sources: [InputSource] = []
        var problems: [Problem] = []
        for path in paths {
            if path == "-" {
                sources.append(.standardInput)
                continue
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                problems.append(Problem(source: path, kind: .unreadable, message: "cannot open: \(describeErrno(errno))"))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var visited: Set<DirectoryID> = [DirectoryID(info)]
                walk(path, visited: &visited, into: &sources, problems: &problems)
            } else {
                sources.append(.file(path))
            }
        }
        return (sources, problems)
    }

    /// True for names a folder walk reads: `x.json`, `x.ndjson`, `x.jsonl`, `x.json.gz`…
    public static func isRecordFile(_ name: String) -> Bool {
        var parts = name.lowercased().split(separator: ".")
        guard parts.count >= 2 else { return false }
        if parts.last == "gz" { parts.removeLast() }
        guard parts.count >= 2, let ext = parts.last else { return false }
        return recordExtensions.contains(String(ext))
    }

    private struct DirectoryID: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private static func walk(_ folder: String, visited: inout Set<DirectoryID>, into sources: inout [InputSource], problems: inout [Problem]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            problems.append(Problem(source: folder, kind: .unreadable, message: "cannot list folder: \(describe(error))"))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else {
                var linkInfo = stat()
                if lstat(path, &linkInfo) == 0, (linkInfo.st_mode & S_IFMT) == S_IFLNK {
                    let reason = errno == ELOOP ? "a link that leads back to itself" : "a broken link"
                    problems.append(Problem(source: path, kind: errno == ELOOP ? .symlinkLoop : .unreadable, message: "skipped: \(reason)"))
                } else if isRecordFile(name) {
                    problems.append(Problem(source: path, kind: .unreadable, message: "cannot open: \(describeErrno(errno))"))
                }
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                let id = DirectoryID(info)
                guard visited.insert(id).inserted else {
                    problems.append(Problem(source: path, kind: .symlinkLoop, message: "skipped: this folder link leads back into a folder already being read"))
                    continue
                }
                walk(path, visited: &visited, into: &sources, problems: &problems)
                visited.remove(id)
            } else if isRecordFile(name) {
                sources.append(.file(path))
            }
        }
    }

    static func describeErrno(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file or folder"
        case EACCES, EPERM: "permission denied"
        case ELOOP: "too many levels of links"
        case EISDIR: "is a folder"
        default: String(cString: strerror(code))
        }
    }

    static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return describeErrno(Int32(underlying.code))
        }
        if nsError.domain == NSPOSIXErrorDomain { return describeErrno(Int32(nsError.code)) }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileReadNoPermissionError: return "permission denied"
            case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "no such file or folder"
            default: break
            }
        }
        return nsError.localizedDescription
    }
}
