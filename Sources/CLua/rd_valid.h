// Whether a Lua value is data that can leave Lua: no functions, NaN, infinities, invalid UTF-8, mixed or
// sparse tables, or nesting deeper than 64 (which is how a cycle shows).
#ifndef RULEDESK_RD_VALID_H
#define RULEDESK_RD_VALID_H

#include <lua.h>
#include <lauxlib.h>
#include <math.h>
#include <stddef.h>

/// Whether bytes are valid UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
static int rd_valid_utf8(const unsigned char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) { i++; continue; }
        size_t extra;
        unsigned int code;
        if (c >= 0xC2 && c <= 0xDF) { extra = 1; code = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { extra = 2; code = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { extra = 3; code = c & 0x07; }
        else return 0;
        if (i + extra >= n) return 0;
        for (size_t k = 1; k <= extra; k++) {
            unsigned char d = s[i + k];
            if ((d & 0xC0) != 0x80) return 0;
            code = (code << 6) | (d & 0x3F);
        }
        if ((extra == 2 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) || (extra == 3 && (code < 0x10000 || code > 0x10FFFF)))
            return 0;
        i += extra + 1;
    }
    return 1;
}

static int rd_valid_value(lua_State *L, int index, int depth) {
    switch (lua_type(L, index)) {
    case LUA_TNIL: case LUA_TBOOLEAN: return 1;
    case LUA_TNUMBER:
        if (lua_isinteger(L, index)) return 1;
        return isfinite(lua_tonumber(L, index));
    case LUA_TSTRING: {
        size_t n;
        const char *s = lua_tolstring(L, index, &n);
        return rd_valid_utf8((const unsigned char *)s, n);
    }
    case LUA_TTABLE: break;
    default: return 0;
    }
    if (depth >= 64 || !lua_checkstack(L, 3)) return 0;
    index = lua_absindex(L, index);
    int named = 0;
    lua_Integer indexed = 0;
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        int ok;
        if (lua_type(L, -2) == LUA_TSTRING) {
            size_t n;
            const char *key = lua_tolstring(L, -2, &n);
            named = 1;
            ok = rd_valid_utf8((const unsigned char *)key, n);
        } else if (lua_isinteger(L, -2)) {
            indexed++;
            ok = 1;
        } else {
            ok = 0;
        }
        if (!ok || !rd_valid_value(L, -1, depth + 1)) { lua_pop(L, 2); return 0; }
        lua_pop(L, 1);
    }
    return indexed == 0 || (!named && (lua_Integer)lua_rawlen(L, index) == indexed);
}

/// Lua: `valid_data(value)` → whether the value can leave Lua as data: no functions, NaN, infinities,
/// invalid UTF-8, keys other than text or 1…n, mixed or sparse tables, nesting deeper than 64 (cycles).
static int rd_valid_data(lua_State *L) {
    lua_pushboolean(L, rd_valid_value(L, 1, 0));
    return 1;
}

#endif
