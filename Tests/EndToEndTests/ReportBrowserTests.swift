import Foundation
import Testing
import TemporaryFolders

/// The HTML reports in a real browser: Debian's Chromium, headless (`make test` installs it). Each report renders
/// without errors, its charts have the bars and points its data says, and a screenshot is left under `.build/` for
/// people to look at (`docs/report-weekly.png` in the README is one).
@Suite(.removesTemporaryFolders) struct ReportBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    /// Where the screenshots go: the project's `.build/`.
    static let screenshots = Binary.root + "/.build/report-screenshots"

    /// Runs headless Chromium on `file` with `arguments`; its stdout, or a recorded failure.
    private func chromium(_ arguments: [String], file: String) throws -> String {
        guard let chromium = Self.chromium else {
            Issue.record("chromium is not installed; `make test` installs it (apt-get install chromium)")
            return ""
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        // As root (CI, this project's machines) Chromium runs only without its sandbox.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                             "--user-data-dir=" + (file as NSString).deletingLastPathComponent + "/chromium-profile"]
            + arguments + [URL(fileURLWithPath: file).absoluteString]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "chromium \(arguments) exited with \(process.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }

    /// The part of a dumped DOM inside `<section id="ID" …>…</section>`.
    private func section(_ dom: String, _ id: String) -> String {
        guard let start = dom.range(of: "<section id=\"\(id)\"") else { return "" }
        let rest = dom[start.lowerBound...]
        return String(rest[..<(rest.range(of: "</section>")?.upperBound ?? rest.endIndex)])
    }

    private func count(_ text: String, _ what: String) -> Int { text.components(separatedBy: what).count - 1 }

    /// Renders `html` (written to `folder`), checks every chart against the report's JSON, takes a screenshot.
    private func render(_ name: String, html: String, json: String, in folder: String, height: Int) throws -> String {
        let file = folder + "/\(name).html"
        try Data(html.utf8).write(to: URL(fileURLWithPath: file))
        let dom = try chromium(["--dump-dom"], file: file)
        #expect(dom.contains("<h1>") && dom.contains("</main>") && dom.contains("</html>"), "the browser built the whole page")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for chart in (report["sections"] as? [[String: Any]] ?? []) where chart["kind"] as? String == "chart" {
            let id = chart["id"] as! String, kind = chart["chart"] as! String
            let values = (chart["series"] as! [[String: Any]]).flatMap { $0["values"] as! [Any] }
            // A value is drawn unless it is an empty rate (nothing fell due) — or, in a pie, zero.
            let drawn = values.filter { value in
                if let rate = value as? [String: Any] { return !(rate["rate"] is NSNull) }
                return kind != "pie" || (value as? Int ?? 1) != 0
            }.count
            let mark = ["bar": "<rect class=\"bar\"", "line": "<circle class=\"point\"", "pie": "class=\"slice\""][kind]!
            #expect(count(section(dom, id), mark) == drawn, "\(name) \(id): \(drawn) \(kind) marks")
        }
        try FileManager.default.createDirectory(atPath: Self.screenshots, withIntermediateDirectories: true)
        let shot = Self.screenshots + "/\(name).png"
        try? FileManager.default.removeItem(atPath: shot)
        _ = try chromium(["--screenshot=" + shot, "--window-size=1000,\(height)"], file: file)
        let png = try #require(FileManager.default.contents(atPath: shot), "a screenshot at \(shot)")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000, "a PNG with something drawn")
        return dom
    }

    @Test func theWeeklyReportOfTheSamplesInABrowser() throws {
        let folder = try ReportCommandTests.decidedSampleWorld()
        let options = ["report", "weekly", "--week", "2026-W18"]
        let html = try Binary.run(options + ["--format", "html"], in: folder).stdout
        let json = try Binary.run(options + ["--format", "json"], in: folder).stdout
        let dom = try render("weekly-samples", html: html, json: json, in: folder, height: 2400)
        // Worked out: seven days (Labour Day from Friday) × received and completed; two departments with deadlines due.
        #expect(count(section(dom, "daily_chart"), "<circle class=\"point\"") == 14)
        #expect(count(section(dom, "daily_chart"), "05-01 休") >= 1)
        #expect(count(section(dom, "department_chart"), "<rect class=\"bar\"") == 2)
        #expect(section(dom, "department_chart").contains("data-label=\"客户服务部\" data-value=\"0% (0/2)\""))
    }

    @Test func aGeneratedWeekInABrowser() throws {
        let folder = try Binary.workspace()
        #expect(try Binary.run(["gen", "--tickets", "3000", "--db", "gen.db"], in: folder).status == 0)
        try Binary.publish(in: folder, db: "gen.db")
        #expect(try Binary.run(["batch", "--db", "gen.db", "--jobs", "2"], in: folder).status == 0)
        let options = ["report", "weekly", "--week", "2026-W18", "--db", "gen.db"]
        let html = try Binary.run(options + ["--format", "html"], in: folder).stdout
        let json = try Binary.run(options + ["--format", "json"], in: folder).stdout
        let dom = try render("report-weekly", html: html, json: json, in: folder, height: 3000)
        #expect(count(section(dom, "daily_chart"), "<circle class=\"point\"") == 14)
        #expect(count(section(dom, "department_chart"), "<rect class=\"bar\"") >= 5, "the generated world's departments")
        #expect(count(section(dom, "callback_chart"), "class=\"slice\"") >= 2)
    }
}
