// The limits of a Lua state: a capped allocator and an instruction-budget hook.
#ifndef RULEDESK_RD_LIMITS_H
#define RULEDESK_RD_LIMITS_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rd_arena.h"

/// The limits of one Lua state, shared by its allocator and its hook.
typedef struct rd_limits {
    size_t used;                      // bytes the state holds now
    size_t cap;                       // the most it may hold while a script runs; 0 = no cap
    int armed;                        // 1 while a call runs, host functions included
    int enforce;                      // 1 while a script runs; host code is never refused memory
    int memory_tripped;               // a script allocation was refused
    long long budget;                 // instructions (in steps of RD_HOOK_STEP) left in this call
    int budget_tripped;               // the budget ran out: every further instruction fails
    volatile sig_atomic_t interrupted;// set from another thread (the console's Ctrl-C)
    int interrupt_tripped;            // the interruption was seen and raised
    long long deadline;               // CLOCK_MONOTONIC nanoseconds after which the call fails; 0 = none
    int deadline_tripped;             // the deadline passed: every further instruction fails
    int coverage;                     // record executed lines into the registry
    rd_arena arena;                   // the state's small blocks (rd_arena.h), released after lua_close
} rd_limits;

#define RD_HOOK_STEP 1000
#define RD_COVERAGE_KEY "ruledesk.coverage"
#define RD_VIEWS_KEY "ruledesk.views"          // read-only view -> the table behind it (weak keys)

static inline rd_limits *rd_limits_of(lua_State *L) {
    return *(rd_limits **)lua_getextraspace(L);
}

static void *rd_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    rd_limits *limits = (rd_limits *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        rd_arena_realloc(&limits->arena, ptr, old, 0);
        limits->used -= old;
        return NULL;
    }
    if (limits->enforce && limits->cap && nsize > old && limits->used - old + nsize > limits->cap) {
        limits->memory_tripped = 1;
        return NULL;
    }
    void *block = rd_arena_realloc(&limits->arena, ptr, old, nsize);
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

static inline long long rd_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

/// Why the running call must stop now, having used `steps` more steps of its budget; NULL to go on.
/// Once a limit is seen it stays tripped until the next call is armed, so `pcall` cannot swallow it.
static const char *rd_exceeded(rd_limits *limits, long long steps) {
    if (limits->interrupted || limits->interrupt_tripped) {
        limits->interrupt_tripped = 1;
        return "interrupted";
    }
    if (limits->budget_tripped || (limits->budget -= steps) < 0) {
        limits->budget_tripped = 1;
        return "instruction budget exhausted";
    }
    if (limits->deadline_tripped || (limits->deadline && rd_now() > limits->deadline)) {
        limits->deadline_tripped = 1;
        return "time limit exceeded";
    }
    return NULL;
}

static void rd_hook(lua_State *L, lua_Debug *ar) {
    rd_limits *limits = rd_limits_of(L);
    if (ar->event == LUA_HOOKLINE) {
        if (limits->coverage) rd_record_line(L, ar);
        return;
    }
    const char *why = rd_exceeded(limits, 1);
    if (why) {
        lua_sethook(L, rd_hook, LUA_MASKCOUNT, 1);   // keep failing: pcall cannot swallow it
        rd_raise_here(L, why);
    }
}

/// Charges `steps` × RD_HOOK_STEP instructions' worth of work that C code does on a script's behalf (pattern
/// matching, say), and raises at the calling script's line when a limit says stop. Does nothing while host code
/// runs (outside an armed call).
static void rd_charge(lua_State *L, long long steps) {
    rd_limits *limits = rd_limits_of(L);
    if (!limits->enforce) return;
    const char *why = rd_exceeded(limits, steps);
    if (why) {
        lua_sethook(L, rd_hook, LUA_MASKCOUNT, 1);
        luaL_where(L, 1);
        lua_pushstring(L, why);
        lua_concat(L, 2);
        lua_error(L);
    }
}

/// Why host code working for the running call (a query, say) should stop, or NULL: the same test as the hook's.
static inline const char *rd_stop_reason(rd_limits *limits) {
    return limits->armed ? rd_exceeded(limits, 0) : NULL;
}

/// Arms the hook for one call: `steps` × RD_HOOK_STEP instructions, and `seconds` of wall time (0: no deadline).
static inline void rd_arm(lua_State *L, long long steps, double seconds) {
    rd_limits *limits = rd_limits_of(L);
    limits->budget = steps;
    limits->deadline = seconds > 0 ? rd_now() + (long long)(seconds * 1e9) : 0;
    limits->deadline_tripped = 0;
    limits->budget_tripped = 0;
    limits->memory_tripped = 0;
    limits->interrupt_tripped = 0;   // `interrupted` stays: a Ctrl-C no call has seen yet stops this one
    limits->armed = 1;
    limits->enforce = 1;
    lua_sethook(L, rd_hook, LUA_MASKCOUNT | (limits->coverage ? LUA_MASKLINE : 0), RD_HOOK_STEP);
}

static inline void rd_disarm(lua_State *L) {
    rd_limits *limits = rd_limits_of(L);
    limits->armed = 0;
    limits->enforce = 0;
    if (limits->interrupt_tripped) limits->interrupted = 0;   // one not seen yet stops the next call
    lua_sethook(L, NULL, 0, 0);
}

static inline lua_State *rd_newstate(rd_limits *limits) {
    lua_State *L = lua_newstate(rd_alloc, limits);
    if (L) *(rd_limits **)lua_getextraspace(L) = limits;
    return L;
}

static inline void rd_interrupt(rd_limits *limits) { limits->interrupted = 1; }

#endif
