import Foundation
import SmileJobs

/// One thing to read: a file, a stream named on the command line (a FIFO, a process
/// substitution), or standard input.
public enum InputSource: Sendable, Hashable {
    case file(String)
    /// A named pipe given by name: read as a stream, to its end, like standard input.
    case stream(String)
    case standardInput

    public var path: String {
        switch self {
        case .file(let path), .stream(let path): path
        case .standardInput: "-"
        }
    }
}

/// Turns the paths a user named into things to read: files as named (whatever their
/// extension), folders walked recursively for `.json`, `.ndjson`, `.jsonl` and their `.gz`
/// forms, `-` for standard input. Links are followed; a link that leads back into a
/// folder being walked is reported, not followed forever.
///
/// Only regular files are read from folders: a device, a FIFO or a socket there (or a
/// link to one: `/dev/zero`, `/dev/tty`) is a problem, named, and skipped at once. A FIFO
/// named on the command line is read as a stream; a device never is. A file reached twice
/// (named, and inside a folder also named) is read once.
public enum InputExpander {
    public static let recordExtensions: Set<String> = ["json", "ndjson", "jsonl"]

    public static func expand(_ paths: [String]) -> (sources: [InputSource], problems: [Problem]) {
        var walk = Walk()
        for path in paths {
            if path == "-" {
                if !walk.sources.contains(.standardInput) { walk.sources.append(.standardInput) }
                continue
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                walk.problems.append(Problem(source: path, kind: .unreadable, message: "cannot open: \(describeErrno(errno))"))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                var visited: Set<FileID> = [FileID(info)]
                walk.folder(path, visited: &visited)
            case S_IFREG:
                walk.add(.file(path), info)
            case S_IFIFO:
                walk.add(.stream(path), info)
            default:
                walk.problems.append(Problem(source: path, kind: .unreadable, message: "not read: \(kindName(info)), not a file"))
            }
        }
        return (walk.sources, walk.problems)
    }

    /// What a path is, for a problem: "a character device", "a FIFO (named pipe)".
    static func kindName(_ info: stat) -> String {
        switch info.st_mode & S_IFMT {
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFDIR: "a folder"
        default: "not a regular file"
        }
    }

    /// True for names a folder walk reads: `x.json`, `x.ndjson`, `x.jsonl`, `x.json.gz`…
    public static func isRecordFile(_ name: String) -> Bool {
        var parts = name.lowercased().split(separator: ".")
        guard parts.count >= 2 else { return false }
        if parts.last == "gz" { parts.removeLast() }
        guard parts.count >= 2, let ext = parts.last else { return false }
        return recordExtensions.contains(String(ext))
    }

    /// A file or folder by device and inode.
    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private struct Walk {
        var sources: [InputSource] = []
        var problems: [Problem] = []
        var seen: Set<FileID> = []

        mutating func add(_ source: InputSource, _ info: stat) {
            guard seen.insert(FileID(info)).inserted else { return }
            sources.append(source)
        }

        mutating func folder(_ folder: String, visited: inout Set<FileID>) {
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
                        problems.append(
                            Problem(source: path, kind: errno == ELOOP ? .symlinkLoop : .unreadable, message: "skipped: \(reason)"))
                    } else if isRecordFile(name) {
                        problems.append(Problem(source: path, kind: .unreadable, message: "cannot open: \(describeErrno(errno))"))
                    }
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    let id = FileID(info)
                    guard visited.insert(id).inserted else {
                        problems.append(
                            Problem(
                                source: path, kind: .symlinkLoop,
                                message: "skipped: this folder link leads back into a folder already being read"))
                        continue
                    }
                    self.folder(path, visited: &visited)
                    visited.remove(id)
                case S_IFREG:
                    if isRecordFile(name) { add(.file(path), info) }
                default:
                    // Named like a record file but a device, a FIFO or a socket: never opened.
                    if isRecordFile(name) {
                        problems.append(Problem(source: path, kind: .unreadable, message: "skipped: \(kindName(info)), not a file"))
                    }
                }
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
