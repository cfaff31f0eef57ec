// Lua 5.4 for Swift: the headers, plus small inline helpers for what Swift cannot import
// (function-like macros) and for what must be written in C (the allocator, the hook, the
// trampoline that raises Lua errors on behalf of Swift functions, so no longjmp crosses Swift).
#ifndef RULEDESK_CLUA_SHIM_H
#define RULEDESK_CLUA_SHIM_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <signal.h>

/// The limits of one Lua state, shared by its allocator and its hook.
typedef struct rd_limits {
    size_t used;                      // bytes the state holds now
    size_t cap;                       // the most it may hold while a script runs; 0 = no cap
    int enforce;                      // 1 while a script runs; host code is never refused memory
    int memory_tripped;               // a script allocation was refused
    long long budget;                 // instructions (in steps of RD_HOOK_STEP) left in this call
    int budget_tripped;               // the budget ran out: every further instruction fails
    volatile sig_atomic_t interrupted;// set from another thread (the console's Ctrl-C)
    int interrupt_tripped;            // the interruption was seen and raised
    int coverage;                     // record executed lines into the registry
} rd_limits;

#define RD_HOOK_STEP 1000
#define RD_COVERAGE_KEY "ruledesk.coverage"

static inline rd_limits *rd_limits_of(lua_State *L) {
    return *(rd_limits **)lua_getextraspace(L);
}

static void *rd_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    rd_limits *limits = (rd_limits *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        limits->used -= old;
        return NULL;
    }
    if (limits->enforce && limits->cap && nsize > old && limits->used - old + nsize > limits->cap) {
        limits->memory_tripped = 1;
        return NULL;
    }
    void *block = realloc(ptr, nsize);
    if (block) limits->used = limits->used - old + nsize;
    return block;
}

static void rd_record_line(lua_State *L, lua_Debug *ar) {
    if (!lua_getinfo(L, "S", ar) || ar->source[0] != '@') return;
    if (lua_getfield(L, LUA_REGISTRYINDEX, RD_COVERAGE_KEY) != LUA_TTABLE) { lua_pop(L, 1); return; }
    if (lua_getfield(L, -1, ar->source) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, ar->source);
    }
    lua_pushboolean(L, 1);
    lua_rawseti(L, -2, ar->currentline);
    lua_pop(L, 2);
}

/// Raises `message` prefixed with the position of the running Lua function (level 0 inside a hook).
static void rd_raise_here(lua_State *L, const char *message) {
    luaL_where(L, 0);
    lua_pushstring(L, message);
    lua_concat(L, 2);
    lua_error(L);
}

static void rd_hook(lua_State *L, lua_Debug *ar) {
    rd_limits *limits = rd_limits_of(L);
    if (ar->event == LUA_HOOKLINE) {
        if (limits->coverage) rd_record_line(L, ar);
        return;
    }
    if (limits->interrupted) {
        limits->interrupt_tripped = 1;
        lua_sethook(L, rd_hook, LUA_MASKCOUNT, 1);   // keep failing: pcall cannot swallow it
        rd_raise_here(L, "interrupted");
    }
    if (limits->budget_tripped || --limits->budget < 0) {
        limits->budget_tripped = 1;
        lua_sethook(L, rd_hook, LUA_MASKCOUNT, 1);
        rd_raise_here(L, "instruction budget exhausted");
    }
}

/// Arms the hook for one call: `steps` × RD_HOOK_STEP instructions.
static inline void rd_arm(lua_State *L, long long steps) {
    rd_limits *limits = rd_limits_of(L);
    limits->budget = steps;
    limits->budget_tripped = 0;
    limits->memory_tripped = 0;
    limits->interrupt_tripped = 0;
    limits->enforce = 1;
    lua_sethook(L, rd_hook, LUA_MASKCOUNT | (limits->coverage ? LUA_MASKLINE : 0), RD_HOOK_STEP);
}

static inline void rd_disarm(lua_State *L) {
    rd_limits *limits = rd_limits_of(L);
    limits->enforce = 0;
    limits->interrupted = 0;
    lua_sethook(L, NULL, 0, 0);
}

static inline lua_State *rd_newstate(rd_limits *limits) {
    lua_State *L = lua_newstate(rd_alloc, limits);
    if (L) *(rd_limits **)lua_getextraspace(L) = limits;
    return L;
}

static inline void rd_interrupt(rd_limits *limits) { limits->interrupted = 1; }

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
}

#endif
