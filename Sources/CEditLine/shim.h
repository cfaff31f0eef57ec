// libedit (Debian's libedit-dev) through its readline-compatible interface, for the console. The library's
// globals are set here, in C, so that Swift code touches none of them.
#ifndef RULEDESK_CEDITLINE_SHIM_H
#define RULEDESK_CEDITLINE_SHIM_H

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
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

static int rd_interrupt_descriptor = -1;
/// The terminal opened again, non-blocking, for `rd_getc` alone (stdin's own flags are the shell's too); -1 when
/// it could not be.
static int rd_terminal = -1;

/// One typed character, decoded in the locale as libedit decodes (an invalid byte is dropped). Returns -1, and
/// libedit then drops the line, at the end of input or once `rd_interrupt_descriptor` is readable: a Ctrl-C
/// that came while libedit drew the line, outside any read, would otherwise leave it waiting for a key. The
/// read does not block, since a Ctrl-C can empty the terminal's keys between the wait and the read.
static int rd_getc(FILE *stream) {
    int input = rd_terminal >= 0 ? rd_terminal : stream ? fileno(stream) : STDIN_FILENO;
    char bytes[MB_LEN_MAX];
    size_t count = 0;
    for (;;) {
        struct pollfd waits[2] = {{input, POLLIN, 0}, {rd_interrupt_descriptor, POLLIN, 0}};
        if (poll(waits, rd_interrupt_descriptor >= 0 ? 2 : 1, -1) < 0) {
            if (errno == EINTR) continue;   // a Ctrl-C's byte is in the pipe now
            return -1;
        }
        if (rd_interrupt_descriptor >= 0 && (waits[1].revents & POLLIN)) return -1;
        if (waits[0].revents == 0) continue;
        ssize_t got = read(input, bytes + count, 1);
        if (got < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
        if (got <= 0) return -1;
        count++;
        wchar_t character;
        mbstate_t state;
        memset(&state, 0, sizeof state);
        size_t used = mbrtowc(&character, bytes, count, &state);
        if (used == (size_t)-2 && count < MB_LEN_MAX) continue;   // more bytes of this character to come
        if (used == (size_t)-1 || used == (size_t)-2) {
            count = 0;
            continue;
        }
        return (int)character;
    }
}

/// Sets up line editing: the program's name, Ctrl-C left to the program (a key read ends early once
/// `interrupts`, a descriptor, is readable; -1 for none), completion from `generator`, and word breaks that
/// keep `string.fo` whole but end a word at a quote (for `ticket("KF-…`).
static inline void rd_editline_setup(rd_generator generator, int interrupts) {
    static char breaks[] = " \t\n\"'`@$><=;|&{(,+*/%^#~[]";
    rl_readline_name = "ruledesk";
    rl_catch_signals = 0;
    rd_interrupt_descriptor = interrupts;
    const char *terminal = isatty(STDIN_FILENO) ? ttyname(STDIN_FILENO) : NULL;
    if (terminal && rd_terminal < 0) rd_terminal = open(terminal, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    rl_getc_function = rd_getc;
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
