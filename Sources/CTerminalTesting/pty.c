#define _GNU_SOURCE
#include "CTerminalTesting.h"
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int rd_pty_open(char *name, size_t size) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) return -1;
    const char *slave = (grantpt(master) == 0 && unlockpt(master) == 0) ? ptsname(master) : NULL;
    if (!slave || strlen(slave) >= size) { close(master); return -1; }
    strcpy(name, slave);
    struct winsize window = { .ws_row = 40, .ws_col = 160 };
    ioctl(master, TIOCSWINSZ, &window);
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    return master;
}

pid_t rd_pty_spawn(const char *path, char *const argv[], char *const envp[], const char *slave,
                   const char *folder) {
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_t actions;
    posix_spawnattr_init(&attributes);
    // A clean start: no signal blocked or ignored (the test runner's threads may block some).
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0);  // becomes the controlling terminal
    posix_spawn_file_actions_adddup2(&actions, 0, 1);
    posix_spawn_file_actions_adddup2(&actions, 0, 2);
    // Only the terminal: a file another test holds open (a disk filler) must not live on in the child.
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    posix_spawn_file_actions_addchdir_np(&actions, folder);
    pid_t child;
    int failed = posix_spawn(&child, path, &actions, &attributes, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    return failed ? -1 : child;
}
