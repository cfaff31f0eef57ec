// Lua 5.4 for Swift: the headers, plus small C helpers for what Swift cannot import (function-like macros)
// and for what must be written in C (the allocator, the hook, the trampoline that raises Lua errors on behalf
// of Swift functions so that no longjmp crosses Swift, fast JSON and plain copies, Ctrl-C, pattern matching that a
// budget can stop).
#ifndef RULEDESK_CLUA_SHIM_H
#define RULEDESK_CLUA_SHIM_H

#include "rd_limits.h"
#include "rd_pattern.h"
#include "rd_sigint.h"
#include "rd_calls.h"
#include "rd_json.h"
#include "rd_plain.h"
#include "rd_digest.h"
#include "rd_transfer.h"

#endif
