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
#include <string.h>
#include <stdio.h>
#include <math.h>

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
    limits->interrupted = 0;
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

// MARK: - Ctrl-C for a console: SIGINT stops the running call of one state, or interrupts a read

static volatile sig_atomic_t rd_sigint_count = 0;
static rd_limits *volatile rd_sigint_target = NULL;

static void rd_sigint_handler(int signal) {
    (void)signal;
    rd_sigint_count++;
    rd_limits *target = rd_sigint_target;
    if (target) target->interrupted = 1;
}

/// Routes SIGINT to `target`'s running call, without SA_RESTART so that a blocked read returns.
static inline void rd_catch_sigint(rd_limits *target) {
    rd_sigint_target = target;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = rd_sigint_handler;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
}

/// Whether SIGINT arrived since the last call.
static inline int rd_take_sigint(void) {
    int seen = rd_sigint_count != 0;
    rd_sigint_count = 0;
    return seen;
}

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
    lua_gc(L, LUA_GCGEN, 0, 0);   // generational collection: rules allocate many short-lived tables and strings
}

// MARK: - JSON of validated Lua data, byte for byte as LuaRuntime's Swift encoder writes it

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

static inline void rd_push_json_functions(lua_State *L) {
    lua_pushcfunction(L, rd_json);
    lua_pushcfunction(L, rd_json_decision);
    lua_pushcfunction(L, rd_valid_data);
}

#endif
