extension String {
    /// Without leading and trailing spaces and tabs (ASCII, the no-break space and the ideographic space `　`):
    /// what a field means. Cheaper than Foundation's `trimmingCharacters(in: .whitespaces)`, which an import
    /// would call on every field.
    var trimmedSpaces: String {
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\u{3000}" || s == "\u{A0}" }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
