// Pseudo-terminals for the console's end-to-end tests (the POSIX calls Swift's Glibc module does not show).
#ifndef RULEDESK_CTERMINALTESTING_H
#define RULEDESK_CTERMINALTESTING_H

#include <stddef.h>
#include <sys/types.h>

/// Opens a PTY master (non-blocking, close-on-exec, 160×40) and writes its slave's path into `name`; -1 on failure.
int rd_pty_open(char *name, size_t size);

/// Starts `path` in `folder` as a session leader whose controlling terminal and stdio are the PTY slave, with
/// no other descriptor of this process; -1 on failure.
pid_t rd_pty_spawn(const char *path, char *const argv[], char *const envp[], const char *slave,
                   const char *folder);

#endif
