// Ctrl-C for a console: SIGINT stops the running call of one state.
#ifndef RULEDESK_RD_SIGINT_H
#define RULEDESK_RD_SIGINT_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rd_limits.h"


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

#endif
