// Data leaving Lua fast: a validity check and JSON, byte for byte as LuaRuntime's Swift encoder writes it.
#ifndef RULEDESK_RD_JSON_H
#define RULEDESK_RD_JSON_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rd_valid.h"

typedef struct rd_buf { char *data; size_t length, capacity; int failed; } rd_buf;

static void rd_buf_add(rd_buf *b, const char *s, size_t n) {
    if (b->failed) return;
    if (b->length + n > b->capacity) {
        size_t capacity = b->capacity ? b->capacity * 2 : 1024;
        while (capacity < b->length + n) capacity *= 2;
        char *grown = realloc(b->data, capacity);
        if (!grown) { b->failed = 1; return; }
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, s, n);
    b->length += n;
}

static void rd_buf_str(rd_buf *b, const char *s) { rd_buf_add(b, s, strlen(s)); }

static void rd_json_quote(rd_buf *b, const char *s, size_t n) {
    rd_buf_add(b, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
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
    case LUA_TTABLE: break;
    default: rd_buf_str(b, "null"); return;
    }
    if (depth > 64 || !lua_checkstack(L, 4)) { b->failed = 1; return; }
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
    size_t n = 0, capacity = 8;
    rd_key *keys = malloc(capacity * sizeof *keys);
    if (!keys) { b->failed = 1; return; }
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING) {
            if (n == capacity) {
                rd_key *grown = realloc(keys, (capacity *= 2) * sizeof *keys);
                if (!grown) { free(keys); lua_pop(L, 2); b->failed = 1; return; }
                keys = grown;
            }
            keys[n].text = lua_tolstring(L, -2, &keys[n].length);
            n++;
        }
        lua_pop(L, 1);
    }
    qsort(keys, n, sizeof *keys, rd_key_order);
    rd_buf_add(b, "{", 1);
    for (size_t i = 0; i < n; i++) {
        if (i > 0) rd_buf_add(b, ", ", 2);
        rd_json_quote(b, keys[i].text, keys[i].length);
        rd_buf_add(b, ": ", 2);
        lua_pushlstring(L, keys[i].text, keys[i].length);
        lua_rawget(L, index);
        rd_json_value(L, b, -1, depth + 1);
        lua_pop(L, 1);
    }
    rd_buf_add(b, "}", 1);
    free(keys);
}

/// Lua: `json(value)` → the value as JSON text (keys sorted; an empty table is `{}`).
static int rd_json(lua_State *L) {
    rd_buf b = {0};
    rd_json_value(L, &b, 1, 0);
    if (b.failed) { free(b.data); return luaL_error(L, "json: value too deep or out of memory"); }
    lua_pushlstring(L, b.data, b.length);
    free(b.data);
    return 1;
}

/// Lua: `json_decision(results, traces, specs)` → results JSON, trace JSON. `specs` lists the rules sorted by
/// name, each `{ name = …, index = i, fields = { { name = …, array = bool }, … } }` with fields sorted: every
/// declared field is written (nil as null, an empty table declared as an array as []), each trace as an array.
static int rd_json_decision(lua_State *L) {
    rd_buf results = {0}, traces = {0};
    lua_Unsigned rules = lua_rawlen(L, 3);
    rd_buf_add(&results, "{", 1);
    rd_buf_add(&traces, "{", 1);
    for (lua_Unsigned r = 1; r <= rules; r++) {
        if (r > 1) { rd_buf_add(&results, ", ", 2); rd_buf_add(&traces, ", ", 2); }
        lua_rawgeti(L, 3, (lua_Integer)r);                        // spec
        lua_getfield(L, -1, "name");
        size_t n;
        const char *name = lua_tolstring(L, -1, &n);
        rd_json_quote(&results, name, n);
        rd_json_quote(&traces, name, n);
        rd_buf_add(&results, ": {", 3);
        rd_buf_add(&traces, ": [", 3);
        lua_pushvalue(L, -1);
        lua_rawget(L, 1);                                          // spec, name, output
        lua_getfield(L, -3, "fields");                             // spec, name, output, fields
        lua_Unsigned fields = lua_rawlen(L, -1);
        for (lua_Unsigned f = 1; f <= fields; f++) {
            if (f > 1) rd_buf_add(&results, ", ", 2);
            lua_rawgeti(L, -1, (lua_Integer)f);                    // …, field
            lua_getfield(L, -1, "name");
            size_t fn;
            const char *field = lua_tolstring(L, -1, &fn);
            rd_json_quote(&results, field, fn);
            rd_buf_add(&results, ": ", 2);
            lua_getfield(L, -2, "array");
            int array = lua_toboolean(L, -1);
            lua_pop(L, 1);                                         // …, field, fieldname
            if (lua_type(L, -4) == LUA_TTABLE) lua_rawget(L, -4); else { lua_pop(L, 1); lua_pushnil(L); }
            if (lua_isnil(L, -1)) rd_buf_str(&results, "null");
            else if (array && lua_type(L, -1) == LUA_TTABLE && lua_rawlen(L, -1) == 0) rd_buf_str(&results, "[]");
            else rd_json_value(L, &results, -1, 1);
            lua_pop(L, 2);                                         // …, fields
        }
        rd_buf_add(&results, "}", 1);
        lua_getfield(L, -4, "index");
        lua_rawget(L, 2);                                          // spec, name, output, fields, lines
        lua_Unsigned lines = lua_type(L, -1) == LUA_TTABLE ? lua_rawlen(L, -1) : 0;
        for (lua_Unsigned l = 1; l <= lines; l++) {
            if (l > 1) rd_buf_add(&traces, ", ", 2);
            lua_rawgeti(L, -1, (lua_Integer)l);
            rd_json_value(L, &traces, -1, 1);
            lua_pop(L, 1);
        }
        rd_buf_add(&traces, "]", 1);
        lua_pop(L, 5);
    }
    rd_buf_add(&results, "}", 1);
    rd_buf_add(&traces, "}", 1);
    int failed = results.failed || traces.failed;
    if (!failed) {
        lua_pushlstring(L, results.data, results.length);
        lua_pushlstring(L, traces.data, traces.length);
    }
    free(results.data);
    free(traces.data);
    if (failed) return luaL_error(L, "json: out of memory");
    return 2;
}

static inline void rd_push_json_functions(lua_State *L) {
    lua_pushcfunction(L, rd_json);
    lua_pushcfunction(L, rd_json_decision);
    lua_pushcfunction(L, rd_valid_data);
}

#endif
