// Lua 5.4's pattern-matching string functions (find, match, gmatch, gsub), written for ruledesk so that their work
// is charged to the running call's budget: the count hook never fires inside a C function, so the stock ones can
// backtrack for minutes where no deadline, budget or Ctrl-C reaches them. Same results and errors as Lua 5.4's,
// from its reference manual (§6.4.1 and the entries of the four functions). Every matcher step counts one unit
// (each entry of the matcher, each repetition of '*', '+', '-', each start position tried; a set '[...]' counts
// its length, a back-reference or '%b' the bytes it compares); every RD_HOOK_STEP units are charged with
// rd_charge. Captures live in a C struct or a userdata and results in luaL_Buffer: an error raised half-way
// leaks nothing.
#ifndef RULEDESK_RD_PATTERN_H
#define RULEDESK_RD_PATTERN_H

#include <ctype.h>
#include <lua.h>
#include <lauxlib.h>
#include <stddef.h>
#include <string.h>

#include "rd_limits.h"

#define RD_PATTERN_ESCAPE '%'
#define RD_PATTERN_SPECIALS "^$*+?.([%-"
#define RD_PATTERN_MAX_CAPTURES 32   // Lua's LUA_MAXCAPTURES
#define RD_PATTERN_MAX_DEPTH 200     // Lua's MAXCCALLS: deeper nesting is "pattern too complex"
#define RD_CAPTURE_OPEN (-1)         // a capture whose ')' has not been reached
#define RD_CAPTURE_POSITION (-2)     // a '()' capture: its value is a position

/// One capture: where it starts in the subject and how long it is (or RD_CAPTURE_OPEN/RD_CAPTURE_POSITION).
typedef struct rd_capture {
    const char *start;
    ptrdiff_t length;
} rd_capture;

/// The state of one match of a pattern against a subject.
typedef struct rd_matcher {
    lua_State *L;
    const char *subject;        // the subject's first byte
    const char *subject_end;    // one past its last byte (a Lua string: a '\0' is always there)
    const char *pattern_end;    // one past the pattern's last byte (a '\0' is always there)
    int depth_left;             // nested matcher calls still allowed
    int level;                  // captures opened so far
    unsigned long work;         // units counted and not yet charged
    rd_capture captures[RD_PATTERN_MAX_CAPTURES];
} rd_matcher;

static const char *rdp_match(rd_matcher *m, const char *s, const char *p);

static void rdp_charge(rd_matcher *m) {
    long long steps = (long long)(m->work / RD_HOOK_STEP);
    m->work %= RD_HOOK_STEP;
    rd_charge(m->L, steps);
}

/// Counts `units` of work, charging the budget each time RD_HOOK_STEP of them have gathered.
static inline void rdp_count(rd_matcher *m, size_t units) {
    m->work += units;
    if (m->work >= RD_HOOK_STEP) rdp_charge(m);
}

static void rdp_begin(rd_matcher *m, lua_State *L, const char *s, size_t ls, const char *p, size_t lp) {
    m->L = L;
    m->subject = s;
    m->subject_end = s + ls;
    m->pattern_end = p + lp;
    m->work = 0;
}

/// Clears the captures before a match is tried at a new start position.
static inline void rdp_restart(rd_matcher *m) {
    m->level = 0;
    m->depth_left = RD_PATTERN_MAX_DEPTH;
}

/// A position argument as Lua reads it: negative counts from the end, 0 and below -len mean 1.
static size_t rdp_position(lua_Integer position, size_t length) {
    if (position > 0) return (size_t)position;
    if (position == 0 || position < -(lua_Integer)length) return 1;
    return length + (size_t)position + 1;
}

/// Whether `c` is in the class named by the letter after '%' (upper case: the complement; '%z' is the zero
/// byte, as Lua 5.4 still reads it); other characters stand for themselves.
static int rdp_in_class(int c, int letter) {
    int in;
    switch (tolower(letter)) {
    case 'a': in = isalpha(c); break;
    case 'c': in = iscntrl(c); break;
    case 'd': in = isdigit(c); break;
    case 'g': in = isgraph(c); break;
    case 'l': in = islower(c); break;
    case 'p': in = ispunct(c); break;
    case 's': in = isspace(c); break;
    case 'u': in = isupper(c); break;
    case 'w': in = isalnum(c); break;
    case 'x': in = isxdigit(c); break;
    case 'z': in = c == 0; break;
    default: return letter == c;
    }
    if (isupper(letter)) in = !in;
    return in;
}

/// Whether `c` is in the set that starts at `open` ('[') and ends at `close` (its ']').
static int rdp_in_set(int c, const char *open, const char *close) {
    const char *p = open + 1;
    int wanted = 1;
    if (*p == '^') {
        wanted = 0;
        p++;
    }
    for (; p < close; p++) {
        if (*p == RD_PATTERN_ESCAPE) {
            p++;
            if (rdp_in_class(c, (unsigned char)*p)) return wanted;
        } else if (p[1] == '-' && p + 2 < close) {
            if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2]) return wanted;
            p += 2;
        } else if ((unsigned char)*p == c) {
            return wanted;
        }
    }
    return !wanted;
}

/// Where the single-character item at `p` ends (a letter, '.', '%x' or a set), before any '*', '+', '-', '?'.
static const char *rdp_item_end(rd_matcher *m, const char *p) {
    if (*p == RD_PATTERN_ESCAPE) {
        if (p + 1 == m->pattern_end) luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 2;
    }
    if (*p != '[') return p + 1;
    p++;
    if (*p == '^') p++;
    // The first character of a set is a member even when it is ']'.
    do {
        if (p == m->pattern_end) luaL_error(m->L, "malformed pattern (missing ']')");
        if (*p++ == RD_PATTERN_ESCAPE && p < m->pattern_end) p++;
    } while (*p != ']');
    return p + 1;
}

/// Whether the subject byte at `s` matches the item from `p` to `end`.
static inline int rdp_item_matches(rd_matcher *m, const char *s, const char *p, const char *end) {
    if (s >= m->subject_end) return 0;
    int c = (unsigned char)*s;
    switch (*p) {
    case '.': return 1;
    case RD_PATTERN_ESCAPE: return rdp_in_class(c, (unsigned char)p[1]);
    case '[': return rdp_in_set(c, p, end - 1);
    default: return (unsigned char)*p == c;
    }
}

/// The work of testing one subject byte against the item from `p` to `end`: a set costs its length.
static inline size_t rdp_item_cost(const char *p, const char *end) {
    return *p == '[' ? (size_t)(end - p) : 1;
}

/// '%bxy' at `p` (pointing at x): where the balanced run that starts at `s` ends, or NULL.
static const char *rdp_balanced(rd_matcher *m, const char *s, const char *p) {
    if (p >= m->pattern_end - 1) luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    if (*s != *p) return NULL;
    char open = p[0], close = p[1];
    int depth = 1;
    const char *start = s;
    const char *end = NULL;
    while (++s < m->subject_end) {
        if (*s == close) {
            if (--depth == 0) {
                end = s + 1;
                break;
            }
        } else if (*s == open) {
            depth++;
        }
    }
    rdp_count(m, (size_t)(s - start));
    return end;
}

/// '%1'–'%9' (`digit`): where the text of that closed capture, repeated at `s`, ends, or NULL.
static const char *rdp_back_reference(rd_matcher *m, const char *s, int digit) {
    int index = digit - '1';
    if (index < 0 || index >= m->level || m->captures[index].length == RD_CAPTURE_OPEN)
        luaL_error(m->L, "invalid capture index %%%d", index + 1);
    size_t length = (size_t)m->captures[index].length;  // a position capture becomes huge and never fits
    if ((size_t)(m->subject_end - s) < length) return NULL;
    rdp_count(m, length);
    return memcmp(m->captures[index].start, s, length) == 0 ? s + length : NULL;
}

static const char *rdp_open_capture(rd_matcher *m, const char *s, const char *p, ptrdiff_t kind) {
    if (m->level >= RD_PATTERN_MAX_CAPTURES) luaL_error(m->L, "too many captures");
    m->captures[m->level].start = s;
    m->captures[m->level].length = kind;
    m->level++;
    const char *end = rdp_match(m, s, p);
    if (end == NULL) m->level--;
    return end;
}

static const char *rdp_close_capture(rd_matcher *m, const char *s, const char *p) {
    int index = m->level - 1;
    while (index >= 0 && m->captures[index].length != RD_CAPTURE_OPEN) index--;
    if (index < 0) luaL_error(m->L, "invalid pattern capture");
    m->captures[index].length = s - m->captures[index].start;
    const char *end = rdp_match(m, s, p);
    if (end == NULL) m->captures[index].length = RD_CAPTURE_OPEN;
    return end;
}

/// Greedy repetition of the item `p`–`item_end` from `s` (`s` itself already past the first for '+'), then the
/// rest of the pattern after the suffix, giving back one repetition at a time.
static const char *rdp_longest(rd_matcher *m, const char *s, const char *p, const char *item_end) {
    size_t cost = rdp_item_cost(p, item_end);
    ptrdiff_t count = 0;
    while (rdp_item_matches(m, s + count, p, item_end)) {
        count++;
        rdp_count(m, cost);
    }
    for (; count >= 0; count--) {
        const char *end = rdp_match(m, s + count, item_end + 1);
        if (end != NULL) return end;
    }
    return NULL;
}

/// Lazy repetition ('-') of the item `p`–`item_end` from `s`: the rest of the pattern first, then one more.
static const char *rdp_shortest(rd_matcher *m, const char *s, const char *p, const char *item_end) {
    size_t cost = rdp_item_cost(p, item_end);
    for (;;) {
        const char *end = rdp_match(m, s, item_end + 1);
        if (end != NULL) return end;
        if (!rdp_item_matches(m, s, p, item_end)) return NULL;
        s++;
        rdp_count(m, cost);
    }
}

/// Where the pattern from `p` matched at `s` ends, or NULL. Continues in a loop where the rest of the pattern
/// is all that is left to match, and recurses (at most RD_PATTERN_MAX_DEPTH deep) where it may backtrack.
static const char *rdp_match(rd_matcher *m, const char *s, const char *p) {
    if (m->depth_left-- == 0) luaL_error(m->L, "pattern too complex");
    for (;;) {
        rdp_count(m, 1);
        if (p == m->pattern_end) break;
        if (*p == '(') {
            s = p[1] == ')' ? rdp_open_capture(m, s, p + 2, RD_CAPTURE_POSITION)
                            : rdp_open_capture(m, s, p + 1, RD_CAPTURE_OPEN);
            break;
        }
        if (*p == ')') {
            s = rdp_close_capture(m, s, p + 1);
            break;
        }
        if (*p == '$' && p + 1 == m->pattern_end) {
            if (s != m->subject_end) s = NULL;
            break;
        }
        if (*p == RD_PATTERN_ESCAPE) {
            char kind = p[1];
            if (kind == 'b') {
                s = rdp_balanced(m, s, p + 2);
                if (s == NULL) break;
                p += 4;
                continue;
            }
            if (kind == 'f') {
                p += 2;
                if (*p != '[') luaL_error(m->L, "missing '[' after '%%f' in pattern");
                const char *set_end = rdp_item_end(m, p);
                int before = s == m->subject ? '\0' : (unsigned char)s[-1];
                rdp_count(m, 2 * (size_t)(set_end - p));
                if (rdp_in_set(before, p, set_end - 1) || !rdp_in_set((unsigned char)*s, p, set_end - 1)) {
                    s = NULL;
                    break;
                }
                p = set_end;
                continue;
            }
            if (kind >= '0' && kind <= '9') {
                s = rdp_back_reference(m, s, kind);
                if (s == NULL) break;
                p += 2;
                continue;
            }
        }
        const char *item_end = rdp_item_end(m, p);
        if (*p == '[') rdp_count(m, (size_t)(item_end - p));
        char suffix = *item_end;
        if (!rdp_item_matches(m, s, p, item_end)) {
            if (suffix == '*' || suffix == '?' || suffix == '-') {
                p = item_end + 1;
                continue;
            }
            s = NULL;
            break;
        }
        if (suffix == '?') {
            const char *end = rdp_match(m, s + 1, item_end + 1);
            if (end != NULL) {
                s = end;
                break;
            }
            p = item_end + 1;
            continue;
        }
        if (suffix == '+' || suffix == '*') {
            s = rdp_longest(m, suffix == '+' ? s + 1 : s, p, item_end);
            break;
        }
        if (suffix == '-') {
            s = rdp_shortest(m, s, p, item_end);
            break;
        }
        s++;
        p = item_end;
    }
    m->depth_left++;
    return s;
}

/// Capture `index` of a match from `s` to `e`: its length after setting `*start`, or RD_CAPTURE_POSITION after
/// pushing the position. Capture 0 of a pattern without captures is the whole match.
static ptrdiff_t rdp_capture(rd_matcher *m, int index, const char *s, const char *e, const char **start) {
    if (index >= m->level) {
        if (index != 0) luaL_error(m->L, "invalid capture index %%%d", index + 1);
        *start = s;
        return e - s;
    }
    ptrdiff_t length = m->captures[index].length;
    *start = m->captures[index].start;
    if (length == RD_CAPTURE_OPEN) luaL_error(m->L, "unfinished capture");
    if (length == RD_CAPTURE_POSITION) lua_pushinteger(m->L, (*start - m->subject) + 1);
    return length;
}

static void rdp_push_capture(rd_matcher *m, int index, const char *s, const char *e) {
    const char *start;
    ptrdiff_t length = rdp_capture(m, index, s, e, &start);
    if (length != RD_CAPTURE_POSITION) lua_pushlstring(m->L, start, (size_t)length);
}

/// Pushes every capture (or the whole match from `s` to `e` when there are none and `s` is not NULL).
static int rdp_push_captures(rd_matcher *m, const char *s, const char *e) {
    int count = (m->level == 0 && s != NULL) ? 1 : m->level;
    luaL_checkstack(m->L, count, "too many captures");
    for (int i = 0; i < count; i++) rdp_push_capture(m, i, s, e);
    return count;
}

/// Whether the pattern (which may hold '\0' bytes) has no special character, so it can be found as plain text.
static int rdp_is_plain(const char *p, size_t lp) {
    size_t at = 0;
    do {
        if (strpbrk(p + at, RD_PATTERN_SPECIALS) != NULL) return 0;
        at += strlen(p + at) + 1;
    } while (at <= lp);
    return 1;
}

/// Where `needle` first occurs in `haystack`, or NULL; counts the bytes it looks at.
static const char *rdp_find_plain(rd_matcher *m, const char *haystack, size_t length, const char *needle,
                                  size_t needle_length) {
    if (needle_length == 0) return haystack;
    if (needle_length > length) return NULL;
    const char *last = haystack + (length - needle_length);   // the last place it can start
    const char *s = haystack;
    while (s <= last) {
        const char *candidate = memchr(s, needle[0], (size_t)(last - s) + 1);
        if (candidate == NULL) {
            rdp_count(m, (size_t)(last - s) + 1);
            return NULL;
        }
        rdp_count(m, (size_t)(candidate - s) + needle_length);
        if (memcmp(candidate + 1, needle + 1, needle_length - 1) == 0) return candidate;
        s = candidate + 1;
    }
    return NULL;
}

static int rdp_find_or_match(lua_State *L, int find) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = rdp_position(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) {
        lua_pushnil(L);
        return 1;
    }
    rd_matcher m;
    if (find && (lua_toboolean(L, 4) || rdp_is_plain(p, lp))) {
        rdp_begin(&m, L, s, ls, p, lp);
        const char *found = rdp_find_plain(&m, s + init, ls - init, p, lp);
        if (found != NULL) {
            lua_pushinteger(L, (found - s) + 1);
            lua_pushinteger(L, (lua_Integer)((size_t)(found - s) + lp));
            return 2;
        }
        lua_pushnil(L);
        return 1;
    }
    int anchored = *p == '^';
    if (anchored) {
        p++;
        lp--;
    }
    rdp_begin(&m, L, s, ls, p, lp);
    const char *start = s + init;
    for (;;) {
        rdp_restart(&m);
        const char *end = rdp_match(&m, start, p);
        if (end != NULL) {
            if (!find) return rdp_push_captures(&m, start, end);
            lua_pushinteger(L, (start - s) + 1);
            lua_pushinteger(L, end - s);
            return rdp_push_captures(&m, NULL, NULL) + 2;
        }
        if (anchored || start >= m.subject_end) break;
        start++;
    }
    lua_pushnil(L);
    return 1;
}

/// Lua: `string.find(s, pattern [, init [, plain]])` → start, end and the captures of the first match, or nil.
static int rd_pattern_find(lua_State *L) { return rdp_find_or_match(L, 1); }

/// Lua: `string.match(s, pattern [, init])` → the captures of the first match (the whole match without any), or nil.
static int rd_pattern_match(lua_State *L) { return rdp_find_or_match(L, 0); }

/// The state of one gmatch iterator, kept in a userdata that is the iterator's third upvalue.
typedef struct rd_gmatch {
    rd_matcher matcher;
    const char *next;         // where the next search starts
    const char *pattern;
    const char *last_end;     // where the last match ended: an empty match there is skipped
} rd_gmatch;

static int rdp_gmatch_next(lua_State *L) {
    rd_gmatch *g = (rd_gmatch *)lua_touserdata(L, lua_upvalueindex(3));
    g->matcher.L = L;
    for (const char *start = g->next; start <= g->matcher.subject_end; start++) {
        rdp_restart(&g->matcher);
        const char *end = rdp_match(&g->matcher, start, g->pattern);
        if (end != NULL && end != g->last_end) {
            g->next = g->last_end = end;
            return rdp_push_captures(&g->matcher, start, end);
        }
    }
    return 0;
}

/// Lua: `string.gmatch(s, pattern [, init])` → an iterator over the captures of successive matches.
static int rd_pattern_gmatch(lua_State *L) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = rdp_position(luaL_optinteger(L, 3, 1), ls) - 1;
    lua_settop(L, 2);   // the subject and pattern stay alive as upvalues 1 and 2
    rd_gmatch *g = (rd_gmatch *)lua_newuserdatauv(L, sizeof(rd_gmatch), 0);
    if (init > ls) init = ls + 1;
    rdp_begin(&g->matcher, L, s, ls, p, lp);
    g->next = s + init;
    g->pattern = p;
    g->last_end = NULL;
    lua_pushcclosure(L, rdp_gmatch_next, 3);
    return 1;
}

/// Appends the replacement string (argument 3) for the match from `s` to `e`, with '%0'–'%9' and '%%'.
static void rdp_add_template(rd_matcher *m, luaL_Buffer *b, const char *s, const char *e) {
    size_t length;
    const char *text = lua_tolstring(m->L, 3, &length);
    rdp_count(m, length);
    const char *escape;
    while ((escape = memchr(text, RD_PATTERN_ESCAPE, length)) != NULL) {
        luaL_addlstring(b, text, (size_t)(escape - text));
        char c = escape[1];   // the '\0' after the text when '%' is last
        if (c == RD_PATTERN_ESCAPE) {
            luaL_addchar(b, c);
        } else if (c == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (isdigit((unsigned char)c)) {
            const char *start;
            ptrdiff_t captured = rdp_capture(m, c - '1', s, e, &start);
            if (captured == RD_CAPTURE_POSITION) luaL_addvalue(b);
            else luaL_addlstring(b, start, (size_t)captured);
        } else {
            luaL_error(m->L, "invalid use of '%c' in replacement string", RD_PATTERN_ESCAPE);
        }
        length -= (size_t)(escape + 2 - text);
        text = escape + 2;
    }
    luaL_addlstring(b, text, length);
}

/// Appends the replacement for the match from `s` to `e`; returns whether it differs from the match.
static int rdp_add_replacement(rd_matcher *m, luaL_Buffer *b, const char *s, const char *e, int kind) {
    lua_State *L = m->L;
    if (kind == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int count = rdp_push_captures(m, s, e);
        lua_call(L, count, 1);
    } else if (kind == LUA_TTABLE) {
        rdp_push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        rdp_add_template(m, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1)) return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return 1;
}

/// Lua: `string.gsub(s, pattern, repl [, n])` → a copy of `s` with (the first `n`) matches replaced, and how
/// many matches there were. `repl` is a string (with '%0'–'%9', '%%'), a table or a function; nil or false
/// from the table or function keeps the match.
static int rd_pattern_gsub(lua_State *L) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    int kind = lua_type(L, 3);
    lua_Integer most = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    luaL_argexpected(L, kind == LUA_TNUMBER || kind == LUA_TSTRING || kind == LUA_TFUNCTION || kind == LUA_TTABLE,
                     3, "string/function/table");
    int anchored = *p == '^';
    if (anchored) {
        p++;
        lp--;
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    rd_matcher m;
    rdp_begin(&m, L, s, ls, p, lp);
    const char *last_end = NULL;
    lua_Integer count = 0;
    int changed = 0;
    while (count < most) {
        rdp_restart(&m);
        const char *end = rdp_match(&m, s, p);
        if (end != NULL && end != last_end) {
            count++;
            changed |= rdp_add_replacement(&m, &b, s, end, kind);
            s = last_end = end;
        } else if (s < m.subject_end) {
            luaL_addchar(&b, *s++);
        } else {
            break;
        }
        if (anchored) break;
    }
    if (changed) {
        luaL_addlstring(&b, s, (size_t)(m.subject_end - s));
        luaL_pushresult(&b);
    } else {
        lua_pushvalue(L, 1);
    }
    lua_pushinteger(L, count);
    return 2;
}

/// Replaces `find`, `match`, `gmatch` and `gsub` in the `string` library table at the top of the stack.
static void rd_open_patterns(lua_State *L) {
    static const luaL_Reg functions[] = {
        {"find", rd_pattern_find},
        {"match", rd_pattern_match},
        {"gmatch", rd_pattern_gmatch},
        {"gsub", rd_pattern_gsub},
        {NULL, NULL},
    };
    luaL_setfuncs(L, functions, 0);
}

#endif
