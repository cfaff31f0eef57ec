// Zstandard for Swift (Debian's libzstd-dev): the stored decisions are compressed with it.
#ifndef RULEDESK_CZSTD_SHIM_H
#define RULEDESK_CZSTD_SHIM_H

#include <zstd.h>

#endif
