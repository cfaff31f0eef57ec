/// Full-width forms (全角) as their ASCII twins: `１２００` is `1200`, `ＫＦ－２０２６` is `KF-2026`, and the
/// ideographic space `　` is a space. Chinese input methods type these; every value a person typed is read
/// through this before it is parsed.
///
/// ```swift
/// HalfWidth.folded("１３８ ００００ ００１０")   // "138 0000 0010"
/// ```
public enum HalfWidth {
    /// `text` with U+FF01…U+FF5E folded to U+0021…U+007E and U+3000 to a space; everything else unchanged.
    public static func folded(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isFullWidth) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    private static func isFullWidth(_ scalar: Unicode.Scalar) -> Bool {
        (0xFF01...0xFF5E).contains(scalar.value) || scalar.value == 0x3000
    }
}
