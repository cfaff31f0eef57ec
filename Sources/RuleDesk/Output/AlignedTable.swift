/// A plain table whose columns line up on a terminal, wide characters counted as two columns.
public enum AlignedTable {
    public static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : DisplayWidth.pad(cell, to: widths[index])
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
