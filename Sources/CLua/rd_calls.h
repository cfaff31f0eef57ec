// Calls between Swift and Lua: the trampoline for Swift functions, protected calls, loading, and the
// function-like macros Swift cannot import.
#ifndef RULEDESK_RD_CALLS_H
#define RULEDESK_RD_CALLS_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rd_limits.h"

/// A Swift function callable from Lua: returns the number of results, or -1 after pushing an error message.
typedef int (*rd_host_function)(lua_State *L);

static int rd_trampoline(lua_State *L) {
    rd_host_function function = (rd_host_function)lua_touserdata(L, lua_upvalueindex(1));
    rd_limits *limits = rd_limits_of(L);
    int enforce = limits->enforce;
    limits->enforce = 0;
    int results = function(L);
    limits->enforce = enforce;
    if (results < 0) return lua_error(L);
    if (enforce && limits->cap && limits->used > limits->cap) {
        limits->memory_tripped = 1;
        return luaL_error(L, "not enough memory");
    }
    return results;
}

/// Pushes a closure that calls `function` with `box` as its second upvalue.
static inline void rd_push_host_function(lua_State *L, rd_host_function function, void *box) {
    lua_pushlightuserdata(L, (void *)function);
    lua_pushlightuserdata(L, box);
    lua_pushcclosure(L, rd_trampoline, 2);
}

static inline void *rd_host_box(lua_State *L) { return lua_touserdata(L, lua_upvalueindex(2)); }

static int rd_message_handler(lua_State *L) {
    const char *message = lua_tostring(L, 1);
    if (message == NULL) message = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    luaL_traceback(L, L, message, 1);
    return 1;
}

/// Calls the function under `nargs` arguments with a traceback handler. Leaves results or the message.
static inline int rd_pcall(lua_State *L, int nargs, int nresults) {
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, rd_message_handler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    return status;
}

static inline int rd_load(lua_State *L, const char *source, size_t length, const char *name) {
    return luaL_loadbufferx(L, source, length, name, "t");
}

/// Pushes the table of lines with code of the Lua function at `index`; returns its source name
/// (NULL, pushing nothing, for a C function). Sets *line to the line where it is defined.
static inline const char *rd_function_lines(lua_State *L, int index, int *line) {
    if (lua_iscfunction(L, index)) return NULL;
    lua_Debug ar;
    lua_pushvalue(L, index);
    lua_getinfo(L, ">SL", &ar);
    *line = ar.linedefined;
    return ar.source;
}

static inline int rd_registry_index(void) { return LUA_REGISTRYINDEX; }
static inline void rd_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void rd_newtable(lua_State *L) { lua_newtable(L); }
static inline const char *rd_tolstring(lua_State *L, int index, size_t *length) { return lua_tolstring(L, index, length); }
static inline int rd_isinteger(lua_State *L, int index) { return lua_isinteger(L, index); }
static inline lua_Integer rd_tointeger(lua_State *L, int index) { return lua_tointegerx(L, index, NULL); }
static inline lua_Number rd_tonumber(lua_State *L, int index) { return lua_tonumberx(L, index, NULL); }
static inline void rd_insert(lua_State *L, int index) { lua_insert(L, index); }
static inline void rd_remove(lua_State *L, int index) { lua_remove(L, index); }
static inline int rd_upvalue_index(int i) { return lua_upvalueindex(i); }
static inline void rd_collect_garbage(lua_State *L) { lua_gc(L, LUA_GCCOLLECT); }

/// Opens only the libraries the sandbox builds on: base, string, table, math, utf8 and os (trimmed later).
static inline void rd_open_safe_libraries(lua_State *L) {
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 1);
    lua_pop(L, 6);
    lua_gc(L, LUA_GCGEN, 100, 0);   // generational collection: rules allocate many short-lived tables and strings
}

#endif
