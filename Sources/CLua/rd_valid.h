// Whether a Lua value is data that can leave Lua, and if not, what is wrong where: the one check the driver
// (`valid_data`) and the Swift side (LuaStack) both use. No functions, NaN, infinities, invalid UTF-8, keys other
// than text or 1…n, mixed or sparse tables, cycles, nesting deeper than 64.
#ifndef RULEDESK_RD_VALID_H
#define RULEDESK_RD_VALID_H

#include <lua.h>
#include <lauxlib.h>
#include <math.h>
#include <stddef.h>

#include "rd_limits.h"

/// The deepest nesting data may have.
#define RD_DATA_MAX_DEPTH 64

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

/// Keeps the message on top of the stack just above `top`, dropping what lies between: returns 1.
static int rd_data_fail(lua_State *L, int top) {
    if (lua_gettop(L) > top + 1) {
        lua_replace(L, top + 1);
        lua_settop(L, top + 1);
    }
    return 1;
}

/// What keeps the value at `index` from being data, if anything: returns 0, or 1 with the problem pushed as the
/// rest of a message after the path (`.a[2] is NaN, …`). `open` holds the tables being read (cycles), `views` maps
/// the sandbox's read-only views to the tables behind them (read through, as scripts see them).
static int rd_data_problem(lua_State *L, int index, int open, int views, int depth) {
    int top = lua_gettop(L);
    switch (lua_type(L, index)) {
    case LUA_TNIL: case LUA_TBOOLEAN: return 0;
    case LUA_TNUMBER: {
        if (lua_isinteger(L, index)) return 0;
        lua_Number d = lua_tonumber(L, index);
        if (isnan(d)) { lua_pushliteral(L, " is NaN, not a number a decision can hold"); return 1; }
        if (isinf(d)) { lua_pushliteral(L, " is infinite, not a number a decision can hold"); return 1; }
        return 0;
    }
    case LUA_TSTRING: {
        size_t n;
        const char *s = lua_tolstring(L, index, &n);
        if (rd_valid_utf8((const unsigned char *)s, n)) return 0;
        lua_pushliteral(L, " is not valid UTF-8 text");
        return 1;
    }
    case LUA_TTABLE: break;
    default:
        lua_pushfstring(L, " is a %s, which cannot leave Lua", luaL_typename(L, index));
        return 1;
    }
    if (depth >= RD_DATA_MAX_DEPTH || !lua_checkstack(L, 8)) {
        lua_pushfstring(L, " is nested more than %d levels deep", RD_DATA_MAX_DEPTH);
        return 1;
    }
    const void *identity = lua_topointer(L, index);
    if (lua_rawgetp(L, open, identity) != LUA_TNIL) {
        lua_pushliteral(L, " contains itself (a cycle)");
        return rd_data_fail(L, top);
    }
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
    lua_rawsetp(L, open, identity);
    lua_pushvalue(L, index);
    if (lua_rawget(L, views) == LUA_TTABLE) index = lua_gettop(L);
    else lua_pop(L, 1);

    int named = 0;
    lua_Integer indexed = 0;
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING) {
            size_t n;
            const char *key = lua_tolstring(L, -2, &n);
            if (!rd_valid_utf8((const unsigned char *)key, n)) {
                lua_pushliteral(L, " has a key that is not valid UTF-8 text");
                return rd_data_fail(L, top);
            }
            named = 1;
            if (rd_data_problem(L, lua_gettop(L), open, views, depth + 1)) {
                lua_pushliteral(L, ".");
                lua_pushvalue(L, -4);
                lua_pushvalue(L, -3);
                lua_concat(L, 3);
                return rd_data_fail(L, top);
            }
        } else if (lua_isinteger(L, -2)) {
            indexed++;
            if (rd_data_problem(L, lua_gettop(L), open, views, depth + 1)) {
                lua_pushfstring(L, "[%I]", (LUAI_UACINT)lua_tointeger(L, -3));
                lua_pushvalue(L, -2);
                lua_concat(L, 2);
                return rd_data_fail(L, top);
            }
        } else {
            lua_pushfstring(L, " has a %s key; tables must be arrays or have text keys", luaL_typename(L, -2));
            return rd_data_fail(L, top);
        }
        lua_pop(L, 1);
    }
    if (indexed > 0 && (named || (lua_Integer)lua_rawlen(L, index) != indexed)) {
        lua_pushliteral(L, " mixes array items and named fields, or has gaps");
        return rd_data_fail(L, top);
    }
    lua_pushnil(L);
    lua_rawsetp(L, open, identity);
    lua_settop(L, top);
    return 0;
}

/// Whether the value at `index` is data that can leave Lua: returns 0 with the stack as it was, or 1 with a
/// message pushed that names the problem at its path under `path` (`results.approval.amounts[2] is NaN, …`).
/// Tables behind the sandbox's read-only views are read through them.
static int rd_check_data(lua_State *L, int index, const char *path) {
    index = lua_absindex(L, index);
    int top = lua_gettop(L);
    if (!lua_checkstack(L, 8)) {
        lua_pushfstring(L, "%s is nested more than %d levels deep", path, RD_DATA_MAX_DEPTH);
        return 1;
    }
    lua_newtable(L);
    if (lua_getfield(L, LUA_REGISTRYINDEX, RD_VIEWS_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
    }
    if (!rd_data_problem(L, index, top + 1, top + 2, 0)) {
        lua_settop(L, top);
        return 0;
    }
    lua_pushstring(L, path);
    lua_insert(L, -2);
    lua_concat(L, 2);
    return rd_data_fail(L, top);
}

/// Lua: `valid_data(value, path)` → true, or false and what is wrong where (`path` names the value, "value" if
/// not given): no functions, NaN, infinities, invalid UTF-8, keys other than text or 1…n, mixed or sparse tables,
/// cycles or nesting deeper than 64.
static int rd_valid_data(lua_State *L) {
    const char *path = luaL_optstring(L, 2, "value");
    if (!rd_check_data(L, 1, path)) {
        lua_pushboolean(L, 1);
        return 1;
    }
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
}

#endif
