// A plain copy of data, in C: what the driver keeps of every rule's output (see Sandbox.lua's `freeze` for the views
// it sees through). Once written in Lua; in C it allocates no closure, no pcall and no bookkeeping table per call.
#ifndef RULEDESK_RD_PLAIN_H
#define RULEDESK_RD_PLAIN_H

#include <lua.h>
#include <lauxlib.h>

#include "rd_limits.h"
#include "rd_valid.h"

#define RD_PLAIN_TEXT(x) #x
#define RD_PLAIN_NUMBER(x) RD_PLAIN_TEXT(x)

/// A copy under way: the tables being copied (cycles, at stack index `open`), the views and the tables behind them
/// (`views`), the bytes counted so far against `limit`, and why the copy stopped.
typedef struct rd_copy {
    lua_State *L;
    int open, views;
    lua_Integer size, limit;
    const char *problem;
} rd_copy;

/// Pushes a plain copy of the value at `index` and returns 1; or sets `problem`, returns 0 and leaves the stack for
/// the caller to drop. Counts 8 bytes a value, plus a text's length, 16 a table, plus each text key's length; fails
/// once a value takes the count past the limit. Keys and values are copied in `next`'s order into a fresh table,
/// which therefore grows as a table filled by Lua would.
static int rd_plain_copy(rd_copy *c, int index, int depth) {
    lua_State *L = c->L;
    int type = lua_type(L, index);
    if (type != LUA_TTABLE) {
        c->size += (type == LUA_TSTRING ? (lua_Integer)lua_rawlen(L, index) : 0) + 8;
        if (c->size > c->limit) { c->problem = "over the limit"; return 0; }
        lua_pushvalue(L, index);
        return 1;
    }
    const void *identity = lua_topointer(L, index);
    if (lua_rawgetp(L, c->open, identity) != LUA_TNIL) { c->problem = "contains itself (a cycle)"; return 0; }
    lua_pop(L, 1);
    if (depth >= RD_DATA_MAX_DEPTH || !lua_checkstack(L, 8)) {
        c->problem = "nested more than " RD_PLAIN_NUMBER(RD_DATA_MAX_DEPTH) " levels deep";
        return 0;
    }
    lua_pushboolean(L, 1);
    lua_rawsetp(L, c->open, identity);
    c->size += 16;
    int source = index;
    lua_pushvalue(L, index);
    if (lua_rawget(L, c->views) == LUA_TTABLE) source = lua_gettop(L);   // a view: the table behind it
    else lua_pop(L, 1);
    lua_newtable(L);
    int out = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, source) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING) c->size += (lua_Integer)lua_rawlen(L, -2);
        if (!rd_plain_copy(c, lua_gettop(L), depth + 1)) return 0;
        lua_pushvalue(L, -3);
        lua_insert(L, -2);
        lua_rawset(L, out);
        lua_pop(L, 1);
    }
    lua_pushnil(L);
    lua_rawsetp(L, c->open, identity);
    if (source != index) lua_remove(L, source);
    return 1;
}

/// Lua: `plain(value, limit)` → a plain copy of data (seeing through the sandbox's read-only views, leaving
/// metatables behind) and its size in bytes; or nil and why not: "contains itself (a cycle)", "nested more than 64
/// levels deep" or "over the limit" (larger than `limit` bytes).
static int rd_plain(lua_State *L) {
    lua_settop(L, 2);
    rd_copy c = { L, 3, 4, 0, luaL_checkinteger(L, 2), NULL };
    lua_newtable(L);
    if (lua_getfield(L, LUA_REGISTRYINDEX, RD_VIEWS_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
    }
    if (!rd_plain_copy(&c, 1, 0)) {
        lua_pushnil(L);
        lua_pushstring(L, c.problem);
        return 2;
    }
    lua_pushinteger(L, c.size);
    return 2;
}

/// Pushes `plain`.
static inline void rd_push_plain(lua_State *L) { lua_pushcfunction(L, rd_plain); }

#endif
