// A digest of what a module's instance holds, in C: its tables, and the upvalues of its functions, all the way
// down. `diff` takes one when a module has run and again at the end of every rule: when none changed, no rule left
// anything in a module for a later rule to find, so a rule both rule sets share decides the same under both
// (RuleDiff.swift; docs/sandbox.md, "What diff reuses").
//
// The digest is of identities as much as of contents (a table counts by its address and its entries, a text by
// its address), so it is only compared with a digest of the same instance in the same state: it says "unchanged"
// only when nothing reachable was set, added, removed or replaced, and may say "changed" for less.
#ifndef RULEDESK_RD_DIGEST_H
#define RULEDESK_RD_DIGEST_H

#include <lua.h>
#include <lauxlib.h>
#include <stdint.h>
#include <string.h>

#include "rd_valid.h"

/// The most tables and functions one digest looks at; a module holding more gets no digest.
#define RD_DIGEST_MAX_NODES 256
#define RD_DIGEST_SLOTS 512

#define RD_DIGEST_KEY "ruledesk.digest"

/// The tables and functions the digests of a state have seen: an open-addressed set of their addresses, kept in the
/// registry, whose slots count as empty unless marked with the number of the digest under way (so none clears it).
typedef struct rd_digest_seen {
    uint64_t digests;
    struct { const void *p; uint64_t digest; } slots[RD_DIGEST_SLOTS];
} rd_digest_seen;

/// A digest under way: its number, the set it marks, how many nodes it has seen, and the stack indexes of the tables
/// whose keys count by identity alone (the sandbox's views; the environments and the host's functions).
typedef struct rd_digest_walk {
    lua_State *L;
    int views, hosts, nodes;
    uint64_t number;
    rd_digest_seen *seen;
} rd_digest_walk;

static inline uint64_t rd_digest_mix(uint64_t a, uint64_t b) {
    uint64_t z = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// Marks `p` seen; 0 when it was seen already.
static int rd_digest_first_visit(rd_digest_walk *w, const void *p) {
    size_t slot = (size_t)(((uintptr_t)p >> 4) * 0x9e3779b97f4a7c15ULL) & (RD_DIGEST_SLOTS - 1);
    while (w->seen->slots[slot].digest == w->number) {
        if (w->seen->slots[slot].p == p) return 0;
        slot = (slot + 1) & (RD_DIGEST_SLOTS - 1);
    }
    w->seen->slots[slot].p = p;
    w->seen->slots[slot].digest = w->number;
    return 1;
}

/// Whether the table at `index` is a key of the table at stack index `set`.
static int rd_digest_member(lua_State *L, int set, int index) {
    lua_pushvalue(L, index);
    int found = lua_rawget(L, set) != LUA_TNIL;
    lua_pop(L, 1);
    return found;
}

/// The digest of the value at `index` into `*out`; 0 when it cannot be taken (too many nodes, too deep).
static int rd_digest_value(rd_digest_walk *w, int index, int depth, uint64_t *out) {
    lua_State *L = w->L;
    int type = lua_type(L, index);
    const void *p = lua_topointer(L, index);
    switch (type) {
    case LUA_TNIL: *out = 1; return 1;
    case LUA_TBOOLEAN: *out = 2 + (uint64_t)lua_toboolean(L, index); return 1;
    case LUA_TNUMBER:
        if (lua_isinteger(L, index)) { *out = rd_digest_mix(4, (uint64_t)lua_tointeger(L, index)); return 1; }
        else {
            lua_Number n = lua_tonumber(L, index);
            uint64_t bits;
            memcpy(&bits, &n, sizeof bits);
            *out = rd_digest_mix(5, bits);
            return 1;
        }
    case LUA_TSTRING: *out = rd_digest_mix(6, (uint64_t)(uintptr_t)p); return 1;
    case LUA_TTABLE: case LUA_TFUNCTION: break;
    default: *out = rd_digest_mix(7, (uint64_t)(uintptr_t)p); return 1;
    }
    uint64_t h = rd_digest_mix((uint64_t)type, (uint64_t)(uintptr_t)p);
    if ((type == LUA_TFUNCTION && lua_iscfunction(L, index)) || rd_digest_member(L, w->hosts, index) ||
        (type == LUA_TTABLE && rd_digest_member(L, w->views, index))) {
        *out = h;
        return 1;
    }
    if (!rd_digest_first_visit(w, p)) { *out = h; return 1; }
    if (++w->nodes > RD_DIGEST_MAX_NODES || depth >= RD_DATA_MAX_DEPTH || !lua_checkstack(L, 6)) return 0;
    index = lua_absindex(L, index);
    uint64_t part;
    if (type == LUA_TFUNCTION) {
        for (int i = 1; lua_getupvalue(L, index, i) != NULL; i++) {
            int ok = rd_digest_value(w, lua_gettop(L), depth + 1, &part);
            lua_pop(L, 1);
            if (!ok) return 0;
            h = rd_digest_mix(h, part);
        }
        *out = h;
        return 1;
    }
    uint64_t entries = 0, key, value;
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        if (!rd_digest_value(w, -2, depth + 1, &key) || !rd_digest_value(w, -1, depth + 1, &value)) {
            lua_pop(L, 2);
            return 0;
        }
        entries += rd_digest_mix(key, value);   // a sum: the same entries give the same digest in any order
        lua_pop(L, 1);
    }
    h = rd_digest_mix(h, entries);
    if (lua_getmetatable(L, index)) {
        int ok = rd_digest_value(w, lua_gettop(L), depth + 1, &part);
        lua_pop(L, 1);
        if (!ok) return 0;
        h = rd_digest_mix(h, part);
    }
    *out = h;
    return 1;
}

/// Lua: `digest(value, views, hosts)` → an integer, or nil when `value` holds too much to tell (more than 256
/// tables and functions, or nested more than 64 levels). Tables that are keys of `views` or `hosts` count by their
/// address alone (the sandbox's read-only views; the environments and the host's functions), as do C functions.
static int rd_digest(lua_State *L) {
    lua_settop(L, 3);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    rd_digest_seen *seen;
    if (lua_getfield(L, LUA_REGISTRYINDEX, RD_DIGEST_KEY) == LUA_TUSERDATA) {
        seen = (rd_digest_seen *)lua_touserdata(L, -1);
    } else {
        seen = (rd_digest_seen *)lua_newuserdatauv(L, sizeof(rd_digest_seen), 0);
        memset(seen, 0, sizeof *seen);
        lua_setfield(L, LUA_REGISTRYINDEX, RD_DIGEST_KEY);
    }
    lua_settop(L, 3);
    rd_digest_walk w = { L, 2, 3, 0, ++seen->digests, seen };
    uint64_t h;
    if (!rd_digest_value(&w, 1, 0, &h)) { lua_pushnil(L); return 1; }
    lua_pushinteger(L, (lua_Integer)h);
    return 1;
}

/// Pushes `digest`.
static inline void rd_push_digest(lua_State *L) { lua_pushcfunction(L, rd_digest); }

#endif
