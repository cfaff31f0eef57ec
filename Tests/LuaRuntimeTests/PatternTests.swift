import CLua
import Testing

/// Ruledesk's own `string.find`, `match`, `gmatch` and `gsub` (Sources/CLua/rd_pattern.h) give the results and the
/// errors of Lua's, and a budget, a deadline, an interruption or the memory cap stops them.
@Suite struct PatternTests {
    /// A bare Lua state with every stock library, ours as globals `pfind`, `pmatch`, `pgmatch` and `pgsub`, and
    /// limits that a test arms by hand.
    final class BareState {
        let limits: UnsafeMutablePointer<rd_limits>
        let L: OpaquePointer

        init() {
            limits = .allocate(capacity: 1)
            limits.initialize(to: rd_limits())
            L = rd_newstate(limits)!
            luaL_openlibs(L)
            rd_newtable(L)
            rd_open_patterns(L)
            for name in ["find", "match", "gmatch", "gsub"] {
                lua_getfield(L, -1, name)
                lua_setglobal(L, "p" + name)
            }
            rd_pop(L, 1)
        }

        deinit {
            lua_close(L)
            limits.deallocate()
        }

        /// Runs `source`, armed with `steps` × 1,000 instructions and `seconds` when `steps` is given (and
        /// interrupted from the start when `interrupted`); returns its results as text, or throws its error.
        func run(_ source: String, steps: Int64? = nil, seconds: Double = 0, interrupted: Bool = false) throws
            -> [String] {
            let base = lua_gettop(L)
            defer { lua_settop(L, base) }
            guard rd_load(L, source, source.utf8.count, "=patterns") == LUA_OK else { throw ScriptError(text(-1)) }
            if let steps { rd_arm(L, steps, seconds) }
            if interrupted { rd_interrupt(limits) }
            let status = lua_pcallk(L, 0, LUA_MULTRET, 0, 0, nil)
            rd_disarm(L)
            guard status == LUA_OK else { throw ScriptError(text(-1)) }
            return (base + 1 ..< lua_gettop(L) + 1).map { text($0) }
        }

        private func text(_ index: Int32) -> String {
            var length = 0
            let chars = luaL_tolstring(L, index, &length)
            defer { rd_pop(L, 1) }
            return String(decoding: UnsafeRawBufferPointer(start: chars, count: length), as: UTF8.self)
        }
    }

    struct ScriptError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    let lua = BareState()

    /// Runs differential `cases` (Lua using the comparison helpers) and expects at least `count` cases, all equal.
    private func expectAgreement(_ cases: String, atLeast count: Int,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let results = try lua.run(Self.comparison + cases + "\nreturn cases, table.concat(mismatches, '\\n')")
        #expect(Int(results[0])! >= count, sourceLocation: sourceLocation)
        #expect(results[1] == "", "\(results[1])", sourceLocation: sourceLocation)
    }

    private func expectStopped(_ source: String, steps: Int64, seconds: Double = 0, interrupted: Bool = false,
                               _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let results = try lua.run(source, steps: steps, seconds: seconds, interrupted: interrupted)
            Issue.record("expected \(message), got \(results)", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)" == message, sourceLocation: sourceLocation)
        }
        // The state stays usable.
        #expect((try? lua.run("return pgsub('维修 工单', '%s+', '')")) == ["维修工单", "1"],
                sourceLocation: sourceLocation)
    }

    // MARK: - Same results and errors as Lua's

    @Test func generatedCasesAgreeWithLua() throws {
        try expectAgreement(Self.generated, atLeast: 12_000)
    }

    @Test func handWrittenCasesAgreeWithLua() throws {
        try expectAgreement(Self.handWritten, atLeast: 250)
    }

    @Test func emptyMatchesAgreeWithLua() throws {
        try expectAgreement(Self.emptyMatches, atLeast: 40)
        #expect(try lua.run("return pgsub('hello world', '%w*', 'x')") == ["x x", "2"])
        #expect(try lua.run("return pgsub('abc', '', '-')") == ["-a-b-c-", "4"])
        #expect(try lua.run("return pgsub('a,,b', '[^,]*', '<%0>')") == ["<a>,<>,<b>", "3"])
        #expect(try lua.run("local t = {} for c in pgmatch('abc', 'a*') do t[#t + 1] = '<' .. c .. '>' end "
                            + "return table.concat(t)") == ["<a><><>"])
        #expect(try lua.run("local t = {} for p in pgmatch('abc', '()') do t[#t + 1] = p end "
                            + "return table.concat(t, ',')") == ["1,2,3,4"])
    }

    @Test func chineseTextIsMatchedByteByByte() throws {
        #expect(try lua.run("return pfind('卫生间漏水', '漏水')") == ["10", "15"])
        #expect(try lua.run("return pfind('卫生间漏水', '漏水', 1, true)") == ["10", "15"])
        #expect(try lua.run("return pmatch('中文', '.'):byte()") == ["228"])
        #expect(try lua.run("return pgsub('中文', '.', 'x')") == ["xxxxxx", "6"])
        #expect(try lua.run("return pmatch('电话 13800001111。', '%d+')") == ["13800001111"])
        #expect(try lua.run("return pgsub('维修 工单\\t已派', '%s+', '')") == ["维修工单已派", "2"])
        #expect(try lua.run("return pmatch('2024-05-06', '^(%d%d%d%d)%-(%d%d)%-(%d%d)$')") == ["2024", "05", "06"])
    }

    @Test func openPatternsReplacesTheStringLibrary() throws {
        lua_getglobal(lua.L, "string")
        rd_open_patterns(lua.L)
        rd_pop(lua.L, 1)
        #expect(try lua.run("return string.find == pfind, string.match == pmatch, string.gmatch == pgmatch, "
                            + "string.gsub == pgsub") == ["true", "true", "true", "true"])
        expectStopped("return (('a'):rep(30000)):find(('a-'):rep(12) .. 'b')", steps: 10_000,
                      "patterns:1: instruction budget exhausted")
    }

    // MARK: - Stopped by the limits

    private static let hostile = "pfind(string.rep('a', 30000), string.rep('a-', 12) .. 'b')"

    @Test func backtrackingHitsTheBudget() {
        expectStopped("local x = 1\nreturn \(Self.hostile)", steps: 10_000, "patterns:2: instruction budget exhausted")
    }

    @Test func backtrackingHitsTheDeadline() {
        expectStopped("return \(Self.hostile)", steps: 1 << 40, seconds: 0.2, "patterns:1: time limit exceeded")
    }

    @Test func backtrackingIsInterrupted() {
        expectStopped("return \(Self.hostile)", steps: 1 << 40, interrupted: true, "patterns:1: interrupted")
    }

    @Test func pcallCannotSwallowTheBudget() {
        expectStopped("pcall(pfind, string.rep('a', 30000), string.rep('a-', 12) .. 'b')\nreturn 1",
                      steps: 10_000, "patterns:2: instruction budget exhausted")
    }

    @Test func gmatchAndGsubHitTheBudget() {
        expectStopped("for m in pgmatch(string.rep('a', 30000), string.rep('a-', 12) .. 'b') do end",
                      steps: 10_000, "patterns:1: instruction budget exhausted")
        expectStopped("return pgsub(string.rep('a', 30000), string.rep('a-', 12) .. 'b', '')",
                      steps: 10_000, "patterns:1: instruction budget exhausted")
    }

    /// Work that takes a single matcher step but scans many bytes: a long set, a plain find, a back-reference, '%b'.
    @Test func longScansHitTheBudget() {
        expectStopped("return pfind(string.rep('a', 100000), '[' .. string.rep('b', 100000) .. ']')",
                      steps: 10_000, "patterns:1: instruction budget exhausted")
        expectStopped("return pfind(string.rep('a', 1000000), string.rep('a', 500000) .. 'b', 1, true)",
                      steps: 10_000, "patterns:1: instruction budget exhausted")
        expectStopped("return pfind(string.rep('a', 300000), '^(' .. string.rep('a', 100000) .. ').-%1b')",
                      steps: 10_000, "patterns:1: instruction budget exhausted")
        expectStopped("return pfind(string.rep('(', 100000), '%b()')", steps: 1_000,
                      "patterns:1: instruction budget exhausted")
    }

    @Test func aGrowingGsubHitsTheMemoryCap() {
        lua.limits.pointee.cap = lua.limits.pointee.used + (8 << 20)
        expectStopped("return pgsub(string.rep('a', 1000000), 'a', string.rep('b', 100))", steps: 1 << 40,
                      "not enough memory")
        lua.limits.pointee.cap = 0
    }

    @Test func unarmedMatchingRunsToTheEnd() throws {
        #expect(try lua.run("return pfind(string.rep('a', 2000) .. 'b', string.rep('a-', 3) .. 'b')") == ["1", "2001"])
    }

    // MARK: - The Lua side

    /// Helpers shared by the differential cases: a seeded generator, and checks that run ours and Lua's through
    /// the same local name (so that argument errors name the same function) and compare results and errors
    /// (after the position prefix).
    private static let comparison = #"""
        local seed = 20260301
        local function rand(n)
          seed = (seed * 1103515245 + 12345) % 2147483648
          return (seed >> 8) % n + 1
        end
        local function pick(list) return list[rand(#list)] end

        local function describe(ok, ...)
          local parts = { ok and "ok" or "error" }
          for i = 1, select("#", ...) do
            local v = select(i, ...)
            if not ok and type(v) == "string" then v = v:gsub("^[^\n]-:%d+: ", "") end
            if type(v) == "string" then parts[#parts + 1] = string.format("%q", v)
            elseif type(v) == "table" or type(v) == "function" then parts[#parts + 1] = type(v)
            else parts[#parts + 1] = (math.type(v) or type(v)) .. " " .. tostring(v) end
          end
          return table.concat(parts, ", ")
        end

        local function call(f, ...)
          local results = table.pack(pcall(function(...)
            local r = table.pack(f(...))
            return table.unpack(r, 1, r.n)
          end, ...))
          return describe(table.unpack(results, 1, results.n))
        end

        local function iterate(f, s, p, init)
          local out = {}
          local ok, message = pcall(function()
            local next_match = f(s, p, init)
            for _ = 1, 60 do
              local r = table.pack(next_match())
              if r[1] == nil then break end
              out[#out + 1] = describe(true, table.unpack(r, 1, r.n))
            end
          end)
          if not ok then out[#out + 1] = describe(false, message) end
          return table.concat(out, "; ")
        end

        cases, mismatches = 0, {}
        local function same(what, stock, ours)
          cases = cases + 1
          if stock ~= ours and #mismatches < 20 then
            mismatches[#mismatches + 1] = what .. "\n  Lua:  " .. stock .. "\n  ours: " .. ours
          end
        end

        local function show(v) return type(v) == "string" and string.format("%q", v) or tostring(v) end

        local function check_find(s, p, init, plain)
          same("find(" .. show(s) .. ", " .. show(p) .. ", " .. show(init) .. ", " .. show(plain) .. ")",
               call(string.find, s, p, init, plain), call(pfind, s, p, init, plain))
        end

        local function check_match(s, p, init)
          same("match(" .. show(s) .. ", " .. show(p) .. ", " .. show(init) .. ")",
               call(string.match, s, p, init), call(pmatch, s, p, init))
        end

        local function check_gmatch(s, p, init)
          same("gmatch(" .. show(s) .. ", " .. show(p) .. ", " .. show(init) .. ")",
               iterate(string.gmatch, s, p, init), iterate(pgmatch, s, p, init))
        end

        local function check_gsub(s, p, repl, n, label)
          same("gsub(" .. show(s) .. ", " .. show(p) .. ", " .. (label or show(repl)) .. ", " .. show(n) .. ")",
               call(string.gsub, s, p, repl, n), call(pgsub, s, p, repl, n))
        end

        """#

    /// Thousands of (subject, pattern, init, replacement, n) drawn from a grammar that covers every feature, with
    /// malformed shapes among them; subjects from small alphabets (one of them Chinese) so that matches happen.
    private static let generated = #"""
        local tables = {
          { a = "A", b = false, ab = "<ab>", [1] = "one", [2] = true, [""] = "E" },
          { a = 1, c = 2.5, ["中"] = "zh" },
          { b = {} },
        }
        local functions = {
          function() return nil end,
          function(c) return tostring(c) .. "!" end,
          function(...) return select("#", ...) end,
          function(...) return table.concat({ ... }, ",") end,
          function(c) if c == "a" then return {} end return false end,
          function(c) return c == "b" and 7 or nil end,
        }
        local letters = { "a", "b", "c", "a", "b", "(", ")", ".", "-", " ", "1", "\0", "z", "中" }
        local classes = { "a", "c", "d", "g", "l", "p", "s", "u", "w", "x", "z", "A", "D", "S", "W", "P", "Z",
                          ".", "%", "]", "(" }
        local alphabets = { { "a", "b", "c" }, { "a", "b", "(", ")", " " }, { "a", "1", "B", ".", "-", "\0" },
                            { "中", "文", "1", " ", "a" } }
        local function subject()
          local alphabet, parts = pick(alphabets), {}
          for i = 1, rand(14) - 1 do parts[i] = pick(alphabet) end
          return table.concat(parts)
        end
        local function set()
          local parts = { "[" }
          if rand(4) == 1 then parts[#parts + 1] = "^" end
          if rand(8) == 1 then parts[#parts + 1] = "]" end
          for _ = 1, rand(3) do
            local r = rand(5)
            if r == 1 then parts[#parts + 1] = "a-b"
            elseif r == 2 then parts[#parts + 1] = "%" .. pick(classes)
            elseif r == 3 then parts[#parts + 1] = "-"
            else parts[#parts + 1] = pick(letters) end
          end
          if rand(30) ~= 1 then parts[#parts + 1] = "]" end
          return table.concat(parts)
        end
        local function single()
          local r = rand(6)
          if r == 1 then return "." elseif r == 2 then return "%" .. pick(classes) elseif r == 3 then return set() end
          local c = pick(letters)
          if c == "(" or c == ")" then return "%" .. c end
          return c
        end
        local pattern
        local function item(depth)
          local r = rand(22)
          if r <= 11 then return single() .. pick({ "", "", "*", "+", "-", "?" })
          elseif r <= 13 and depth < 3 then return "(" .. pattern(depth + 1) .. ")"
          elseif r == 14 then return "()"
          elseif r == 15 then return "%" .. rand(4)
          elseif r == 16 then return "%b" .. pick({ "()", "ab", "aa", "(" })
          elseif r == 17 then return "%f" .. (rand(10) == 1 and "a" or set())
          elseif r == 18 then return pick({ "$", "^", "%", "(", ")", "%0", "%9" })
          else return pick(letters) end
        end
        pattern = function(depth)
          local parts = {}
          for i = 1, rand(4) do parts[i] = item(depth) end
          return table.concat(parts)
        end
        local function top_pattern()
          local p = pattern(0)
          if rand(4) == 1 then p = "^" .. p end
          if rand(4) == 1 then p = p .. "$" end
          return p
        end
        local function init()
          if rand(5) == 1 then return nil end
          return rand(31) - 16
        end
        local function template()
          local parts = {}
          for i = 1, rand(4) - 1 do
            parts[i] = pick({ "x", "%0", "%1", "%2", "%3", "%%", "-", "%", "%a", "中" })
          end
          return table.concat(parts)
        end

        for _ = 1, 3000 do
          local s, p, i = subject(), top_pattern(), init()
          check_find(s, p, i, pick({ true, false, nil, nil, nil }))
          check_match(s, p, i)
          check_gmatch(s, p, i)
          local n, r = pick({ nil, nil, 0, 1, 2, -1 }), rand(6)
          if r <= 3 then
            check_gsub(s, p, template(), n)
          elseif r == 4 then
            local k = rand(#tables)
            check_gsub(s, p, tables[k], n, "table " .. k)
          elseif r == 5 then
            local k = rand(#functions)
            check_gsub(s, p, functions[k], n, "function " .. k)
          else
            check_gsub(s, p, rand(100), n)
          end
        end
        """#

    /// One or more cases for each feature and each error, on ASCII and Chinese text.
    private static let handWritten = #"""
        local text = "业主张先生报修：2024-05-06 卫生间漏水，电话 13800001111。"
        local finds = {
          -- init: negative, zero, past the end; plain finds and patterns without specials
          { "hello world", "o w" }, { "hello world", "o", 6 }, { "hello", "l", -2 }, { "hello", "l", -100 },
          { "hello", "", 10 }, { "hello", "", 6 }, { "hello", "", 7 }, { "hello", "h", 0 },
          { "a.b", ".", 1, true }, { "a+b", "+", 1, true }, { "abc", "[a-", 1, true }, { "aab", "ab", 1, true },
          { "a\0b", "\0" }, { "a\0b", "%z" }, { "a\0b", "[\0]" }, { "a\0b", "a\0" }, { "a\0b", "\0b", 1, true },
          -- Chinese text, as bytes
          { text, "漏水" }, { text, "%d+" }, { text, "(%d%d%d%d)%-(%d%d)%-(%d%d)" }, { text, "电话%s*(%d+)" },
          { text, "[^%z\1-\127]+" }, { text, "[\228-\233][\128-\191][\128-\191]" }, { text, "。$" },
          { text, "漏水", -20 }, { text, "%f[%d]%d%d%d%d%f[%D]" },
          -- classes and their complements
          { "x1 A_\t!", "%a" }, { "x1 A_\t!", "%A+" }, { "x1 A_\t!", "%c" }, { "x1 A_\t!", "%C+" },
          { "x1 A_\t!", "%d" }, { "x1 A_\t!", "%D+" }, { "x1 A_\t!", "%g+" }, { "x1 A_\t!", "%G" },
          { "x1 A_\t!", "%l" }, { "x1 A_\t!", "%L+" }, { "x1 A_\t!", "%p+" }, { "x1 A_\t!", "%P+" },
          { "x1 A_\t!", "%s+" }, { "x1 A_\t!", "%S+" }, { "x1 A_\t!", "%u" }, { "x1 A_\t!", "%U+" },
          { "x1 A_\t!", "%w+" }, { "x1 A_\t!", "%W+" }, { "0xFFg", "%x+" }, { "0xFFg", "%X" }, { "a.b", "%." },
          -- sets, ranges, anchors
          { "[]", "[]]" }, { "a-b", "[a%-]+" }, { "a]b", "[%]]" }, { "abc", "[^]a]" }, { "a^b", "[b^]" },
          { "a-z", "[a-]+" }, { "a-z", "[-z]+" }, { "Hello", "[A-Z][a-z]+" }, { "z", "[z-a]" }, { "b", "[%a-z]" },
          { "2024-05-06", "^(%d%d%d%d)%-(%d%d)%-(%d%d)$" }, { "x$y", "x$y" }, { "x$", "x$" }, { "^a", "%^a" },
          { "a^", "a^" }, { "aaa", "^a-$" }, { "ba", "^a" }, { "ab", "b$" },
          -- repetitions
          { "aaa", "a-b" }, { "aaab", "a-b" }, { "aaab", "a*" }, { "aaab", "a+b" }, { "b", "a+b" }, { "ab", "a?ab" },
          { "<a><b>", "<.->" }, { "<a><b>", "<.*>" }, { "color colour", "colou?r", 2 },
          -- captures, positions, back-references, balance, frontier
          { "THE (quick) fox", "%((%a+)%)" }, { "  x", "^%s*()" }, { "abc", "()b()" }, { "abc", "(a(b)(c))" },
          { "f(a(b)c)d", "%b()" }, { "f(a(b)c", "%b()" }, { "THE (quick) fox", "%f[%a]%a+" },
          { "THE (quick) fox", "%f[%l]%a+" }, { "hello", "(l)%1" }, { "abab", "(ab)%1$" },
          { "x = 'a' y = \"b\"", "([\"'])(.-)%1" }, { "aXbXc", "%bXX" }, { "end", "%f[%z]" }, { "abc", "%f[^%z]" },
          -- errors
          { string.rep("a", 300), string.rep("a?", 300) }, { string.rep("a", 300), string.rep("a*", 300) },
          { string.rep("a", 300), string.rep("(a)", 40) }, { "abc", string.rep("()", 33) }, { "abc", "%" },
          { "abc", "[a" }, { "abc", "[^" }, { "abc", "[%" }, { "abc", "%b" }, { "abc", "%ba" }, { "abc", "%fa" },
          { "abc", "%f" }, { "abc", "(a" }, { "abc", "a)" }, { "abc", "%1" }, { "abc", "(a%1)" }, { "abc", "%0" },
          { "abc", "(()a)%2" }, { "abc", "()a%1" }, { "abc", "(b)%2" },
          -- arguments
          { 12345, 3 }, { "abc", {} }, { {}, "a" }, { "abc", "b", "x" }, { "abc", "b", "2" }, { "abc", "b", 1.5 },
          { "abc", "b", 2.0 }, { "abc", "b", math.mininteger }, { "abc", "b", math.maxinteger }, { "abc" },
        }
        for _, c in ipairs(finds) do
          check_find(c[1], c[2], c[3], c[4])
          check_match(c[1], c[2], c[3])
          check_gmatch(c[1], c[2], c[3])
        end
        local gsubs = {
          { "hello world", "o", "0" }, { "hello world", "", "-" }, { "abc", "%w*", "[%0]" }, { "abc", "b*", "-" },
          { "hello", "l+", "%%" }, { "hello", "(l)(l)", "%2%1" }, { "hello", "()l", "%1" }, { "hello", "l", "%1" },
          { "hello", "l", "%2" }, { "hello", "(l)", "%2" }, { "hello", "l", "%" }, { "hello", "l", "%x" },
          { "hello", "(l", "x" }, { "hello", "l)", "x" }, { "  a  b  ", "%s+", " " }, { text, "%s+", "" },
          { text, "%d", "#" }, { text, "(%d+)", "<%1>", 1 }, { text, "(%d+)", "<%1>", 2 }, { "abc", ".", "x", 0 },
          { "abc", ".", "x", -5 }, { "abc", ".", "x", 2.0 }, { "abc", ".", "x", 2.5 }, { "abc", ".", "x", "n" },
          { "abc", "^.", "x" }, { "abc", "^", "x" }, { "abc", "$", "x" }, { "abc", "^$", "x" }, { "", "^$", "x" },
          { "abc", "x*", "-" }, { "abc", ".", { a = "1" } }, { "abc", "(.)()", { [2] = "two" } },
          { "abc", "()", { [1] = 1, [2] = false } }, { "abc", ".", nil }, { "abc", ".", true }, { "abc", ".", 7 },
          { "中文abc", "[\128-\255]+", "?" }, { "中文", "(文)", "%1%1" }, { 123, 2, 9 }, { "a b", "%w", "%0\0%0" },
        }
        for _, c in ipairs(gsubs) do check_gsub(c[1], c[2], c[3], c[4]) end
        check_gsub("abc", "%w", function(c) return c:upper() end, nil, "upper")
        check_gsub("abc", "%w", string.upper, nil, "string.upper")
        check_gsub("abc", "%w", function() error("inside") end, nil, "raises")
        check_gsub("abc", "%w", function() error({}) end, nil, "raises a table")
        check_gsub("a b", "%w", function(c) return pgsub(c, ".", "%0%0") end, nil, "nested")
        check_gsub("abc", "(b)", setmetatable({}, { __index = function(_, k) return k .. k end }), nil, "__index")
        """#

    /// Empty matches: gmatch and gsub skip an empty match where the previous match ended.
    private static let emptyMatches = #"""
        local subjects = { "", "a", "abc", "a,,b", ",", "hello world", "中 文", "aaa" }
        local patterns = { "", "a*", "a-", "[^,]*", "%w*", "()", "x*", "a?", ".-", "%f[%w]", "^", "$", "(a*)" }
        for _, s in ipairs(subjects) do
          for _, p in ipairs(patterns) do
            check_gmatch(s, p)
            check_gsub(s, p, "<%0>")
          end
          check_gmatch(s, "a*", 2)
          check_gmatch(s, "a*", -1)
        end
        """#
}
