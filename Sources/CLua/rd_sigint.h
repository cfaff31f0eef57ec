// Ctrl-C for a console: SIGINT stops the running call of one state, and makes a pipe readable so that a read
// waiting for keys can wait on it too and miss no Ctrl-C, even one that came just before the read began.
#ifndef RULEDESK_RD_SIGINT_H
#define RULEDESK_RD_SIGINT_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rd_limits.h"


static volatile sig_atomic_t rd_sigint_count = 0;
static rd_limits *volatile rd_sigint_target = NULL;
/// Read and write ends; the handler writes a byte to the second, and taking a Ctrl-C empties the first.
static int rd_sigint_pipe[2] = {-1, -1};

static void rd_sigint_handler(int signal) {
    (void)signal;
    int saved = errno;
    rd_sigint_count++;
    rd_limits *target = rd_sigint_target;
    if (target) target->interrupted = 1;
    if (rd_sigint_pipe[1] >= 0) (void)!write(rd_sigint_pipe[1], "", 1);   // a full pipe is awake already
    errno = saved;
}

/// Routes SIGINT to `target`'s running call, without SA_RESTART so that a blocked read returns.
static inline void rd_catch_sigint(rd_limits *target) {
    rd_sigint_target = target;
    if (rd_sigint_pipe[0] < 0 && pipe(rd_sigint_pipe) == 0) {
        for (int end = 0; end < 2; end++) {
            fcntl(rd_sigint_pipe[end], F_SETFL, fcntl(rd_sigint_pipe[end], F_GETFL) | O_NONBLOCK);
            fcntl(rd_sigint_pipe[end], F_SETFD, FD_CLOEXEC);
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = rd_sigint_handler;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
}

/// Whether SIGINT arrived since the last call; empties the pipe, and the target's next call will not be stopped
/// by it.
static inline int rd_take_sigint(void) {
    int seen = rd_sigint_count != 0;
    rd_sigint_count = 0;
    rd_limits *target = rd_sigint_target;
    if (target) target->interrupted = 0;
    char bytes[64];
    if (rd_sigint_pipe[0] >= 0) while (read(rd_sigint_pipe[0], bytes, sizeof bytes) > 0) {}
    return seen;
}

/// The descriptor that becomes readable when SIGINT arrives, until it is taken; -1 before `rd_catch_sigint`.
static inline int rd_sigint_descriptor(void) { return rd_sigint_pipe[0]; }

#endif
