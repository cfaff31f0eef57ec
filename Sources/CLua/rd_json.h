// Data leaving Lua fast: a validity check and JSON, byte for byte as LuaRuntime's Swift encoder writes it.
#ifndef RULEDESK_RD_JSON_H
#define RULEDESK_RD_JSON_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rd_valid.h"

/// Text being written, in a userdata of the state's (so its memory counts against the cap, and a Lua error raised
/// midway leaks nothing: the collector owns every block). The current block sits at stack index `slot`.
typedef struct rd_buf { lua_State *L; int slot; char *data; size_t length, capacity; } rd_buf;

static void rd_buf_start(lua_State *L, rd_buf *b) {
    b->L = L;
    b->capacity = 256;
    b->length = 0;
    b->data = lua_newuserdatauv(L, b->capacity, 0);
    b->slot = lua_gettop(L);
}

static void rd_buf_add(rd_buf *b, const char *s, size_t n) {
    if (b->length + n > b->capacity) {
        size_t capacity = b->capacity * 2;
        while (capacity < b->length + n) capacity *= 2;
        char *grown = lua_newuserdatauv(b->L, capacity, 0);
        memcpy(grown, b->data, b->length);
        lua_replace(b->L, b->slot);
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, s, n);
    b->length += n;
}

static void rd_buf_str(rd_buf *b, const char *s) { rd_buf_add(b, s, strlen(s)); }

/// Markers for what a Lua table cannot say: a JSON `null`, and an empty array (an empty table is written `{}`).
static const struct { char null_value, empty_array; } rd_json_markers = { 0, 0 };

/// Whether any of the 8 bytes of `w` must be escaped in a JSON string: below 0x20, '"' or '\\' (the classic test for a
/// zero byte, on `w` and on `w` XOR each of the two characters).
static inline int rd_json_word_needs_escape(uint64_t w) {
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
    uint64_t found = ((w - ones * 0x20) | (quote - ones) | (backslash - ones)) & ~w & highs;
    return found != 0;
}

static void rd_json_quote(rd_buf *b, const char *s, size_t n) {
    rd_buf_add(b, "\"", 1);
    size_t run = 0, i = 0;
    while (i < n) {
        if (i + 8 <= n) {   // most text needs no escape: skip it 8 bytes at a time
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!rd_json_word_needs_escape(w)) { i += 8; run += 8; continue; }
        }
        unsigned char c = (unsigned char)s[i];
        const char *escape = NULL;
        char hex[8];
        if (c == '"') escape = "\\\"";
        else if (c == '\\') escape = "\\\\";
        else if (c == '\n') escape = "\\n";
        else if (c == '\r') escape = "\\r";
        else if (c == '\t') escape = "\\t";
        else if (c < 0x20) { snprintf(hex, sizeof hex, "\\u%04x", c); escape = hex; }
        if (escape) {
            rd_buf_add(b, s + i - run, run);
            run = 0;
            rd_buf_str(b, escape);
        } else {
            run++;
        }
        i++;
    }
    rd_buf_add(b, s + n - run, run);
    rd_buf_add(b, "\"", 1);
}

/// Floats: whole ones below 1e15 as `800.0`, others in the shortest of %.15g, %.16g, %.17g that reads back.
static void rd_json_double(rd_buf *b, double d) {
    char text[40];
    if (!isfinite(d)) { rd_buf_str(b, "null"); return; }
    if (d == floor(d) && fabs(d) < 1e15) { snprintf(text, sizeof text, "%.1f", d); rd_buf_str(b, text); return; }
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(text, sizeof text, "%.*g", precision, d);
        if (strtod(text, NULL) == d) break;
    }
    rd_buf_str(b, text);
}

typedef struct rd_key { const char *text; size_t length; } rd_key;

static int rd_key_order(const void *a, const void *b) {
    const rd_key *x = a, *y = b;
    size_t n = x->length < y->length ? x->length : y->length;
    int c = memcmp(x->text, y->text, n);
    return c ? c : (x->length < y->length ? -1 : x->length > y->length);
}

static void rd_json_value(lua_State *L, rd_buf *b, int index, int depth) {
    index = lua_absindex(L, index);
    switch (lua_type(L, index)) {
    case LUA_TBOOLEAN: rd_buf_str(b, lua_toboolean(L, index) ? "true" : "false"); return;
    case LUA_TNUMBER:
        if (lua_isinteger(L, index)) {
            char text[24];
            snprintf(text, sizeof text, "%lld", (long long)lua_tointeger(L, index));
            rd_buf_str(b, text);
        } else {
            rd_json_double(b, lua_tonumber(L, index));
        }
        return;
    case LUA_TSTRING: {
        size_t n;
        const char *s = lua_tolstring(L, index, &n);
        rd_json_quote(b, s, n);
        return;
    }
    case LUA_TLIGHTUSERDATA:
        rd_buf_str(b, lua_touserdata(L, index) == &rd_json_markers.empty_array ? "[]" : "null");
        return;
    case LUA_TTABLE: break;
    default: rd_buf_str(b, "null"); return;
    }
    if (depth > 64 || !lua_checkstack(L, 4)) luaL_error(L, "json: value nested more than 64 levels deep");
    lua_Unsigned count = lua_rawlen(L, index);
    if (count > 0) {
        rd_buf_add(b, "[", 1);
        for (lua_Unsigned i = 1; i <= count; i++) {
            if (i > 1) rd_buf_add(b, ", ", 2);
            lua_rawgeti(L, index, (lua_Integer)i);
            rd_json_value(L, b, -1, depth + 1);
            lua_pop(L, 1);
        }
        rd_buf_add(b, "]", 1);
        return;
    }
    size_t n = 0;
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING) n++;
        lua_pop(L, 1);
    }
    rd_key *keys = lua_newuserdatauv(L, (n ? n : 1) * sizeof *keys, 0);   // on the stack until the end
    size_t k = 0;
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING && k < n) {
            keys[k].text = lua_tolstring(L, -2, &keys[k].length);
            k++;
        }
        lua_pop(L, 1);
    }
    qsort(keys, k, sizeof *keys, rd_key_order);
    rd_buf_add(b, "{", 1);
    for (size_t i = 0; i < k; i++) {
        if (i > 0) rd_buf_add(b, ", ", 2);
        rd_json_quote(b, keys[i].text, keys[i].length);
        rd_buf_add(b, ": ", 2);
        lua_pushlstring(L, keys[i].text, keys[i].length);
        lua_rawget(L, index);
        rd_json_value(L, b, -1, depth + 1);
        lua_pop(L, 1);
    }
    rd_buf_add(b, "}", 1);
    lua_pop(L, 1);
}

/// Lua: `json(value)` → the value as JSON text: keys sorted by their bytes, ", " and ": " between items, an empty
/// table as `{}`, the markers `json_null` and `json_empty_array` (pushed by rd_push_json_functions) as `null`, `[]`.
static int rd_json(lua_State *L) {
    lua_settop(L, 1);
    rd_buf b;
    rd_buf_start(L, &b);
    rd_json_value(L, &b, 1, 0);
    lua_pushlstring(L, b.data, b.length);
    return 1;
}

/// Pushes `json`, `valid_data` (rd_valid.h), and the two markers `json_null` and `json_empty_array`.
static inline void rd_push_json_functions(lua_State *L) {
    lua_pushcfunction(L, rd_json);
    lua_pushcfunction(L, rd_valid_data);
    lua_pushlightuserdata(L, (void *)&rd_json_markers.null_value);
    lua_pushlightuserdata(L, (void *)&rd_json_markers.empty_array);
}

#endif
