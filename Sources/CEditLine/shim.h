// libedit (Debian's libedit-dev) through its readline-compatible interface, for the console. The library's
// globals are set here, in C, so that Swift code touches none of them.
#ifndef RULEDESK_CEDITLINE_SHIM_H
#define RULEDESK_CEDITLINE_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <editline/readline.h>

/// The Swift completion generator: called with state 0, 1, 2… until it returns NULL (results are malloc'd).
typedef char *(*rd_generator)(const char *text, int state);

static rd_generator rd_current_generator = NULL;

static char *rd_generate(const char *text, int state) {
    return rd_current_generator ? rd_current_generator(text, state) : NULL;
}

static char **rd_attempt_completion(const char *text, int start, int end) {
    (void)start; (void)end;
    rl_attempted_completion_over = 1;   // no file-name completion
    return rl_completion_matches(text, rd_generate);
}

/// Sets up line editing: the program's name, Ctrl-C left to the program, completion from `generator`, and
/// word breaks that keep `string.fo` whole but end a word at a quote (for `ticket("KF-…`).
static inline void rd_editline_setup(rd_generator generator) {
    static char breaks[] = " \t\n\"'`@$><=;|&{(,+*/%^#~[]";
    rl_readline_name = "ruledesk";
    rl_catch_signals = 0;
    rl_completer_word_break_characters = breaks;
    rl_basic_word_break_characters = breaks;
    rd_current_generator = generator;
    rl_attempted_completion_function = rd_attempt_completion;
    rl_completion_append_character = '\0';
    using_history();
    stifle_history(1000);
}

/// The line up to the cursor, malloc'd.
static inline char *rd_line_before_cursor(void) {
    if (!rl_line_buffer) return strdup("");
    size_t length = strlen(rl_line_buffer);
    size_t point = rl_point < 0 ? 0 : (size_t)rl_point;
    return strndup(rl_line_buffer, point < length ? point : length);
}

#endif
