/// The column letters of cell references as Excel writes them (`A1`, `AB12`); columns from 0.
enum CellReference {
    /// `A`, …, `Z`, `AA`, … for columns 0, 1, …
    static func column(_ index: Int) -> String {
        var n = index + 1, letters = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// The column of a reference such as `AB12` (its letters), or nil when it has none.
    static func columnIndex(of reference: String) -> Int? {
        var index = 0, letters = 0
        for byte in reference.utf8 {
            guard (65...90).contains(byte) || (97...122).contains(byte) else { break }
            index = index * 26 + Int((byte & 0xDF) - 64)
            letters += 1
        }
        return letters > 0 ? index - 1 : nil
    }
}
