import Foundation

/// What `import` says to a clerk: why a file, its header or one of its rows is refused (``ImportError``), and
/// what became of the file.
public enum ImportMessage: ClerkMessage, Equatable {
    /// A value as a message shows it: quoted, or — for personal data — not at all.
    public enum Shown: Sendable, Equatable {
        case value(String)
        case personal

        var texts: Bilingual {
            switch self {
            case .value(let value): Bilingual(en: "'\(value)'", zh: "「\(value)」")
            case .personal: Bilingual(en: "the value", zh: "该值")
            }
        }
    }

    // The file.
    case cannotRead
    case oldExcelWorkbook
    case workbookHasNoEncoding
    case notAWorkbook(sheet: String)
    case workbook(SpreadsheetError)
    /// The CSV reader's own words follow.
    case notCSV(String)
    case malformedCSV(String)
    case notUTF8
    /// Neither encoding read it (`detected`: none was given).
    case notGB18030(detected: Bool)

    // The header: the columns it should have.
    case emptyFile(header: String)
    case unknownColumn(header: String)
    case missingColumn(header: String)
    case columnTwice(written: [String])
    case fieldCount(expected: Int, found: Int)

    // A row's values.
    case empty
    case notADate(Shown)
    case emptyDate
    case dateWithoutTime(Shown)
    case notAMoment(Shown)
    case neitherDateNorMoment(Shown)
    case notAnAmount(Shown)
    case negativeAmount(Shown)
    case notAWholeNumber(Shown)
    case tooSmall(Int, least: Int)
    case badPhone(PhoneNumber.Problem)
    case notABoolean(Shown)
    case twice(String)
    /// A field no column of the kind has (a rule test's `community{…}`); the columns follow.
    case unknownField([String])
    case outsideVocabulary(VocabularyError)

    // What a row refers to.
    case unknownCommunity(String)
    case unknownHousehold(String)
    case householdNotInCommunity(String, community: String)
    case ticketExists(String)
    case surveyBeforeRegistration(String)
    case notACalendarKind(String)
    case notAMode(String)
    case notARating(String)
    case notAnEvent(String)
    case emptyEventDay
    case neitherDayNorTime(String)
    case eventRefused(EventRefusal)
    case lifecycle(LifecycleError)
    /// Events are not inserted as rows.
    case eventsAreRecorded

    // What became of the file.
    case moreBadRows(Int)
    case nothingImported(badRows: Int, dryRun: Bool)
    case ignoredColumns([String], kind: ImportKind)
    case imported(Int, ImportKind, file: String)
    case checked(Int, ImportKind, file: String)
    /// Said after ``imported(_:_:file:)`` for a large file: seconds, and rows a second grouped (`47,619`).
    case rate(seconds: Double, rowsPerSecond: String)

    public var texts: Bilingual {
        switch self {
        case .cannotRead:
            Bilingual(en: "cannot read the file; check the path and its permissions", zh: "无法读取该文件;请核对路径和读取权限")
        case .oldExcelWorkbook:
            Bilingual(en: "an Excel 97-2003 workbook (.xls), which ruledesk does not read; save it as .xlsx or CSV",
                      zh: "这是 Excel 97-2003 工作簿(.xls),ruledesk 不能读取;请在 Excel 中另存为 .xlsx 或 CSV")
        case .workbookHasNoEncoding:
            Bilingual(en: "a workbook has no text encoding; drop --encoding", zh: "工作簿没有文本编码之分;请去掉 --encoding")
        case .notAWorkbook(let sheet):
            Bilingual(en: "not an .xlsx workbook, so it has no sheet '\(sheet)'; drop --sheet",
                      zh: "不是 .xlsx 工作簿,没有工作表「\(sheet)」;请去掉 --sheet")
        case .workbook(let error): error.texts
        case .notCSV(let detail):
            Bilingual(en: "not readable as CSV (\(detail))", zh: "无法按 CSV 读取(\(detail))")
        case .malformedCSV(let detail):
            Bilingual(en: "malformed CSV (\(detail))", zh: "CSV 格式有误(\(detail));请检查引号是否成对")
        case .notUTF8:
            Bilingual(en: "not valid UTF-8 text; save the file as UTF-8, or pass --encoding gb18030 if Excel saved it as GBK",
                      zh: "不是有效的 UTF-8 文本;请把文件另存为 UTF-8,若 Excel 按 GBK 保存,请加 --encoding gb18030")
        case .notGB18030(let detected):
            detected
                ? Bilingual(en: "neither UTF-8 nor GB18030 (GBK) text; save the file as UTF-8",
                            zh: "既不是 UTF-8 也不是 GB18030(GBK)文本;请把文件另存为 UTF-8")
                : Bilingual(en: "not valid GB18030 (GBK) text; save the file as UTF-8, or pass --encoding utf-8 if it is UTF-8",
                            zh: "不是有效的 GB18030(GBK)文本;请把文件另存为 UTF-8,若它本是 UTF-8,请加 --encoding utf-8")
        case .emptyFile(let header):
            Bilingual(en: "the file is empty; it needs the header row \(header)", zh: "文件是空的;第一行须是表头 \(header)")
        case .unknownColumn(let header):
            Bilingual(en: "unknown column (--strict); the header is \(header), or the Chinese names in the README",
                      zh: "没有这一列(--strict);表头应为 \(header),或 README 所列的中文列名")
        case .missingColumn(let header):
            Bilingual(en: "missing column; the header is \(header) (or their Chinese names, see the README)",
                      zh: "缺少这一列;表头应为 \(header)(或 README 所列的中文列名)")
        case .columnTwice(let written):
            Bilingual(en: "the column appears twice (as \(written.joined(separator: " and ")))",
                      zh: "这一列出现了两次(\(written.joined(separator: " 和 ")))")
        case .fieldCount(let expected, let found):
            Bilingual(en: "expected \(expected) fields, found \(found); quote any field that contains a comma",
                      zh: "应有 \(expected) 个字段,实有 \(found) 个;含逗号的字段须加英文双引号")
        case .empty:
            Bilingual(en: "is empty; a value is required", zh: "为空;此项必填")
        case .notADate(let shown):
            Bilingual(en: "\(shown.texts.en) is not a date; write YYYY-MM-DD, e.g. 2026-03-02",
                      zh: "\(shown.texts.zh)不是日期;请写成 2026-03-02、2026/3/2 或 2026年3月2日")
        case .emptyDate:
            Bilingual(en: "is empty; write a date as YYYY-MM-DD", zh: "为空;请填日期,如 2026-03-02")
        case .dateWithoutTime(let shown):
            Bilingual(en: "\(shown.texts.en) is a date without a time; add the time, e.g. 2026-03-02 10:15",
                      zh: "\(shown.texts.zh)只有日期没有时间;请补上时间,如 2026-03-02 10:15")
        case .notAMoment(let shown):
            Bilingual(en: "\(shown.texts.en) is not a date and time; write e.g. 2026-03-02 10:15, 2026/3/2 10:15 or 2026-03-02T10:15:00+08:00",
                      zh: "\(shown.texts.zh)不是日期时间;请写成 2026-03-02 10:15 或 2026/3/2 10:15")
        case .neitherDateNorMoment(let shown):
            Bilingual(en: "\(shown.texts.en) is neither a date (2026-03-02, 2026/3/2) nor a date and time (2026-03-02 10:15)",
                      zh: "\(shown.texts.zh)既不是日期(2026-03-02、2026/3/2)也不是日期时间(2026-03-02 10:15)")
        case .notAnAmount(let shown):
            Bilingual(en: "\(shown.texts.en) is not a number of yuan; write e.g. 1200, 1,200.00 or ¥1000.01",
                      zh: "\(shown.texts.zh)不是金额(元);请写成 1200、1,200.00 或 ¥1000.01")
        case .negativeAmount(let shown):
            Bilingual(en: "\(shown.texts.en) is negative; write an amount of 0 or more", zh: "\(shown.texts.zh)是负数;金额不能小于 0")
        case .notAWholeNumber(let shown):
            Bilingual(en: "\(shown.texts.en) is not a whole number; write e.g. 12 or 1,200",
                      zh: "\(shown.texts.zh)不是整数;请写成 12 或 1,200")
        case .tooSmall(let number, let least):
            Bilingual(en: "\(number) is too small; the least is \(least)", zh: "\(number) 太小;最小为 \(least)")
        case .badPhone(let problem):
            Bilingual(en: problem.texts.en + "; correct it or leave it empty", zh: problem.texts.zh + ";请更正或留空")
        case .notABoolean(let shown):
            Bilingual(en: "\(shown.texts.en) is not true or false; write true/false, yes/no, Y/N or 1/0",
                      zh: "\(shown.texts.zh)不是“是”或“否”;请填 是/否、Y/N、1/0 或 true/false")
        case .twice(let key):
            Bilingual(en: "'\(key)' appears twice in this file", zh: "「\(key)」在本文件中出现了两次")
        case .unknownField(let columns):
            Bilingual(en: "unknown field; the fields are \(columns.joined(separator: ", "))",
                      zh: "没有这个字段;可用的字段为 \(columns.joined(separator: "、"))")
        case .outsideVocabulary(let error):
            Bilingual(en: error.text(in: .en), zh: error.text(in: .zh))
        case .unknownCommunity(let code):
            Bilingual(en: "unknown community '\(code)'; import communities first", zh: "没有小区「\(code)」;请先导入小区")
        case .unknownHousehold(let code):
            Bilingual(en: "unknown household '\(code)'; import households first", zh: "没有住户「\(code)」;请先导入住户")
        case .householdNotInCommunity(let code, let community):
            Bilingual(en: "household '\(code)' is not in community '\(community)'", zh: "住户「\(code)」不在小区「\(community)」")
        case .ticketExists(let number):
            Bilingual(en: "ticket '\(number)' exists already; leave number empty to get the next one",
                      zh: "工单「\(number)」已存在;工单号留空即自动编号")
        case .surveyBeforeRegistration(let day):
            Bilingual(en: "\(day) is before the ticket was registered; check the date", zh: "\(day) 早于工单登记日;请核对日期")
        case .notACalendarKind(let kind):
            Bilingual(en: "'\(kind)' is not off (a public holiday) or work (a worked weekend day)",
                      zh: "「\(kind)」无效;请填 off(法定假日)或 work(调休上班的周末)")
        case .notAMode(let mode):
            Bilingual(en: "'\(mode)' is not in_person or phone", zh: "「\(mode)」无效;请填 in_person(上门)或 phone(电话)")
        case .notARating(let rating):
            Bilingual(en: "'\(rating)' is not one of \(Self.ratings.en)",
                      zh: "「\(rating)」不是评价;请填 \(Self.ratings.zh)")
        case .notAnEvent(let name):
            Bilingual(en: "'\(name)' is not an event; use \(TicketEvent.sentence(TicketEvent.allCases))",
                      zh: "「\(name)」不是事件;请填 \(TicketEvent.allCases.map(\.rawValue).joined(separator: "、"))")
        case .emptyEventDay:
            Bilingual(en: "is empty; write the day it happened (YYYY-MM-DD) or, for a completion, the time",
                      zh: "为空;请填发生的日期(如 2026-05-13),维修完成可填到时间")
        case .neitherDayNorTime(let at):
            Bilingual(en: "'\(at)' is neither a date (2026-05-13, 2026/5/13) nor a time (2026-05-13 16:30, 2026-05-13T16:30:00+08:00)",
                      zh: "「\(at)」既不是日期(2026-05-13、2026/5/13)也不是时间(2026-05-13 16:30)")
        case .eventRefused(let why): why.texts
        case .lifecycle(let error): Bilingual(en: error.text(in: .en), zh: error.text(in: .zh))
        case .eventsAreRecorded:
            Bilingual(en: "events are recorded with `ruledesk import events FILE` or `ruledesk record`",
                      zh: "事件须用 `ruledesk import events 文件` 或 `ruledesk record` 登记")
        case .moreBadRows(let count):
            Bilingual(en: "and \(count) more bad rows", zh: "另有 \(count) 行有误")
        case .nothingImported(let count, let dryRun):
            Bilingual(en: "\(count) bad row\(count == 1 ? "" : "s"); nothing was imported, correct \(count == 1 ? "it" : "them") and import the file again"
                          + (dryRun ? " (dry run)" : ""),
                      zh: "\(count) 行有误;未导入任何内容,请更正后重新导入" + (dryRun ? "(试导入)" : ""))
        case .ignoredColumns(let columns, let kind):
            Bilingual(en: "ignored the columns \(columns.joined(separator: ", ")), which \(kind.rawValue) do not have (--strict refuses them)",
                      zh: "已忽略\(Self.noun(kind).zh)没有的列 \(columns.joined(separator: "、"))(加 --strict 则拒绝导入)")
        case .imported(let count, let kind, let file):
            Bilingual(en: "imported \(count) \(Self.noun(kind).en) from \(file)", zh: "已从 \(file) 导入 \(count) 条\(Self.noun(kind).zh)")
        case .checked(let count, let kind, let file):
            Bilingual(en: "checked \(count) \(Self.noun(kind).en) in \(file): no bad rows; nothing written (dry run)",
                      zh: "已检查 \(file) 中的 \(count) 条\(Self.noun(kind).zh):没有错误;未写入任何内容(试导入)")
        case .rate(let seconds, let perSecond):
            Bilingual(en: " in \(Self.seconds(seconds)) s (\(perSecond) rows/s)", zh: ",用时 \(Self.seconds(seconds)) 秒(每秒 \(perSecond) 行)")
        }
    }

    /// What rows of a kind are, in each language.
    static func noun(_ kind: ImportKind) -> Bilingual {
        switch kind {
        case .communities: Bilingual(en: "communities", zh: "小区")
        case .households: Bilingual(en: "households", zh: "住户")
        case .contractors: Bilingual(en: "contractors", zh: "承包单位")
        case .tickets: Bilingual(en: "tickets", zh: "工单")
        case .calendar: Bilingual(en: "calendar days", zh: "日历日")
        case .revisits: Bilingual(en: "revisits", zh: "回访结果")
        case .events: Bilingual(en: "events", zh: "事件")
        }
    }

    private static var ratings: Bilingual {
        let keys = RevisitResult.Rating.allCases.map(\.rawValue)
        return Bilingual(en: keys.joined(separator: ", "), zh: keys.joined(separator: "、"))
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.2f", value) }

    public static var examples: [ImportMessage] {
        let field = Vocabulary.Field(name: "kind", title: "K1", terms: [Vocabulary.Term(key: "repair", name: "R1")])
        return [
            .cannotRead, .oldExcelWorkbook, .workbookHasNoEncoding, .notAWorkbook(sheet: "March"),
            .workbook(SpreadsheetError.noSheet("March", among: ["Sheet1"])), .notCSV("bad quote"), .malformedCSV("bad quote"),
            .notUTF8, .notGB18030(detected: true), .notGB18030(detected: false),
            .emptyFile(header: "code,name"), .unknownColumn(header: "code,name"), .missingColumn(header: "code,name"),
            .columnTwice(written: ["code", "Code"]), .fieldCount(expected: 3, found: 4),
            .empty, .notADate(.value("x")), .notADate(.personal), .emptyDate, .dateWithoutTime(.value("2026-03-02")),
            .notAMoment(.value("x")), .neitherDateNorMoment(.value("x")), .notAnAmount(.value("x")),
            .negativeAmount(.value("-1")), .notAWholeNumber(.value("x")), .tooSmall(0, least: 1),
            .badPhone(.digits(5)), .notABoolean(.value("x")), .twice("KF-2026-000001"), .unknownField(["code"]),
            .outsideVocabulary(VocabularyError(field: field, value: "repiar", nearest: field.terms)),
            .unknownCommunity("C9"), .unknownHousehold("H9"), .householdNotInCommunity("H1", community: "C2"),
            .ticketExists("KF-2026-000001"), .surveyBeforeRegistration("2026-03-01"), .notACalendarKind("x"),
            .notAMode("x"), .notARating("happy"), .notAnEvent("x"), .emptyEventDay, .neitherDayNorTime("x"),
            .eventRefused(EventRefusal.examples[0]), .lifecycle(.unknownTicket("KF-2026-000009", [])), .eventsAreRecorded,
            .moreBadRows(3), .nothingImported(badRows: 1, dryRun: false), .nothingImported(badRows: 2, dryRun: true),
            .ignoredColumns(["x"], kind: .tickets), .imported(3, .tickets, file: "a.csv"),
            .checked(3, .calendar, file: "a.csv"), .rate(seconds: 1.5, rowsPerSecond: "47,619"),
        ]
    }
}
