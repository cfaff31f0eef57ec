// Data copied from one Lua state into another, in C: `diff` hands the outputs one rule set's state decided to the
// other rule set's state, which reuses those of the rules both sets share (RuleDiff.swift).
#ifndef RULEDESK_RD_TRANSFER_H
#define RULEDESK_RD_TRANSFER_H

#include <lua.h>

#include "rd_valid.h"

/// Pushes onto `to` a copy of the value at `index` of `from`: nil, booleans, numbers (integers stay integers),
/// texts and tables of them, keys and values in `next`'s order. Returns 1; or 0, with `to`'s stack as it was, when
/// the value holds anything else (a function, a metatable's worth of behaviour is left behind), is nested more
/// than 64 levels deep, or `to` has no room on its stack. Reads `from` raw and allocates nothing there; a cycle
/// stops at the depth bound. The two states must be used by the one calling thread.
static int rd_transfer_value(lua_State *from, int index, lua_State *to, int depth) {
    switch (lua_type(from, index)) {
    case LUA_TNIL: lua_pushnil(to); return 1;
    case LUA_TBOOLEAN: lua_pushboolean(to, lua_toboolean(from, index)); return 1;
    case LUA_TNUMBER:
        if (lua_isinteger(from, index)) lua_pushinteger(to, lua_tointeger(from, index));
        else lua_pushnumber(to, lua_tonumber(from, index));
        return 1;
    case LUA_TSTRING: {
        size_t length;
        const char *text = lua_tolstring(from, index, &length);
        lua_pushlstring(to, text, length);
        return 1;
    }
    case LUA_TTABLE: break;
    default: return 0;
    }
    if (depth >= RD_DATA_MAX_DEPTH || !lua_checkstack(from, 4) || !lua_checkstack(to, 4)) return 0;
    int source = lua_absindex(from, index), top = lua_gettop(from), base = lua_gettop(to);
    lua_newtable(to);
    lua_pushnil(from);
    while (lua_next(from, source) != 0) {
        if (!rd_transfer_value(from, -2, to, depth + 1) || !rd_transfer_value(from, -1, to, depth + 1)) {
            lua_settop(from, top);
            lua_settop(to, base);
            return 0;
        }
        lua_rawset(to, -3);
        lua_pop(from, 1);
    }
    return 1;
}

#endif
