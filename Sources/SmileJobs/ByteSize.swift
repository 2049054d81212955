/// Sizes as people read them: `812 B`, `1.5 KB`, `10.0 MB`, `1.2 GB` (powers of 1024).
public enum ByteSize {
    public static func format(_ bytes: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    public static func format(_ bytes: Int) -> String { format(Int64(bytes)) }
}
