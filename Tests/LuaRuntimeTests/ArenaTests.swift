import LuaRuntime
import Testing

/// A state's small blocks come from its own free lists (rd_arena.h): blocks freed by the collector are given out
/// again, and blocks that grow or shrink across the small-block limit move with their contents.
@Suite struct ArenaTests {
    @Test func blocksGivenOutAgainKeepWhatIsWrittenInThem() throws {
        let lua = try LuaState()
        let script = try lua.compile("""
            local kept, tables = {}, {}
            for i = 1, 20000 do
              local s = string.rep(string.char(65 + i % 26), i % 700 + 1) .. i   -- 2 to 705 bytes
              local t = {}
              for k = 1, i % 40 do t[k] = k * i end                                -- arrays that grow past 256 bytes
              if i % 7 == 0 then kept[#kept + 1], tables[#tables + 1] = s, t end
            end
            for n, s in ipairs(kept) do
              local i = n * 7
              if s ~= string.rep(string.char(65 + i % 26), i % 700 + 1) .. i then return "text " .. i end
              local t = tables[n]
              if #t ~= i % 40 then return "length " .. i end
              for k = 1, #t do if t[k] ~= k * i then return "item " .. k .. " of " .. i end end
            end
            local grown = ""
            for i = 1, 600 do grown = grown .. string.char(97 + i % 26) end       -- through every size class
            for i = 1, 600 do if grown:byte(i) ~= 97 + i % 26 then return "byte " .. i end end
            return "intact"
            """, name: "arena.lua")
        #expect(try lua.call(script, []) == ["intact"])
    }
}
