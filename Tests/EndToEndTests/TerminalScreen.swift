/// What a terminal shows after a program's output: rows of cells and a cursor. It knows as much of xterm as
/// line editing uses: text with double-width (Chinese) characters, CR, LF, backspace, tab, cursor moves,
/// erasing, inserting and deleting characters, and insert mode; colours and modes it ignores.
struct TerminalScreen {
    private enum Cell: Equatable {
        case blank
        case text(Character)
        /// The right half of a double-width character.
        case rightHalf
    }

    private var rows: [[Cell]] = [[]]
    private(set) var row = 0
    /// The cursor's display column; 0 is the left edge.
    private(set) var column = 0
    private var inserting = false

    init(_ output: String) {
        var scalars = output.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "\u{1B}": escape(&scalars)
            case "\r": column = 0
            case "\n": moveTo(row: row + 1, column: column)
            case "\u{08}": column = max(0, column - 1)
            case "\t": column = (column / 8 + 1) * 8
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: break
            default: put(Character(scalar))
            }
        }
    }

    /// The text of the cursor's row, without trailing blanks.
    var cursorLine: String { text(of: row) }

    private func text(of index: Int) -> String {
        let text = rows[index].map { cell -> String in
            switch cell {
            case .blank: " "
            case .text(let character): String(character)
            case .rightHalf: ""
            }
        }.joined()
        return String(text.reversed().drop { $0 == " " }.reversed())
    }

    /// Display columns a character takes: 2 for East Asian wide ones (CJK, Hangul, full-width forms).
    static func width(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD: 2
        default: 1
        }
    }

    private mutating func put(_ character: Character) {
        let width = Self.width(character.unicodeScalars.first!)
        if inserting { insertBlanks(width) }
        clearHalves(at: column, count: width)
        set(column, .text(character))
        if width == 2 { set(column + 1, .rightHalf) }
        column += width
    }

    /// A double-width character partly overwritten is wholly erased.
    private mutating func clearHalves(at start: Int, count: Int) {
        if cell(start) == .rightHalf { set(start - 1, .blank) }
        if case .text(let character) = cell(start + count - 1), Self.width(character.unicodeScalars.first!) == 2 {
            set(start + count, .blank)
        }
    }

    private func cell(_ index: Int) -> Cell {
        index >= 0 && index < rows[row].count ? rows[row][index] : .blank
    }

    private mutating func set(_ index: Int, _ cell: Cell) {
        guard index >= 0 else { return }
        while rows[row].count <= index { rows[row].append(.blank) }
        rows[row][index] = cell
    }

    private mutating func insertBlanks(_ count: Int) {
        guard column < rows[row].count else { return }
        rows[row].insert(contentsOf: repeatElement(.blank, count: count), at: column)
    }

    private mutating func moveTo(row newRow: Int, column newColumn: Int) {
        row = max(0, newRow)
        while rows.count <= row { rows.append([]) }
        column = max(0, newColumn)
    }

    /// ESC sequences: CSI (`ESC [ … letter`), OSC (`ESC ] … BEL`), and two-byte ones (`ESC =`).
    private mutating func escape(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let kind = scalars.next() else { return }
        if kind == "]" {
            while let scalar = scalars.next(), scalar != "\u{07}" {}
            return
        }
        guard kind == "[" else { return }
        var parameters = ""
        var final: Unicode.Scalar = "m"
        while let scalar = scalars.next() {
            if (0x40...0x7E).contains(scalar.value) {
                final = scalar
                break
            }
            parameters.unicodeScalars.append(scalar)
        }
        guard !parameters.hasPrefix("?") else { return }
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let n = max(1, numbers.first.flatMap { $0 } ?? 1)
        switch final {
        case "A": moveTo(row: row - n, column: column)
        case "B": moveTo(row: row + n, column: column)
        case "C": column += n
        case "D": column = max(0, column - n)
        case "G": column = n - 1
        case "K":
            let mode = numbers.first.flatMap { $0 } ?? 0
            if mode == 0, column < rows[row].count {
                clearHalves(at: column, count: 1)
                rows[row].removeSubrange(column...)
            } else if mode == 2 {
                rows[row] = []
            }
        case "J":
            if (numbers.first.flatMap { $0 } ?? 0) == 0 {
                if column < rows[row].count { rows[row].removeSubrange(column...) }
                rows.removeSubrange((row + 1)...)
            } else {
                rows = Array(repeating: [], count: rows.count)
            }
        case "@" where column < rows[row].count: insertBlanks(n)
        case "P" where column < rows[row].count: rows[row].removeSubrange(column..<min(rows[row].count, column + n))
        case "X": for index in column..<(column + n) { set(index, .blank) }
        case "h" where parameters == "4": inserting = true
        case "l" where parameters == "4": inserting = false
        default: break
        }
    }
}
