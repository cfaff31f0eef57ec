// Small blocks for one Lua state: free lists by size, carved from chunks the state keeps until it is closed.
// A decision makes and drops thousands of small tables, strings and closures; glibc's malloc and free cost about ten
// times a list's push and pop for them. Lua tells the allocator each block's size when it frees or resizes it, so
// the blocks need no header. Only one thread uses a state at a time, so the lists need no lock.
#ifndef RULEDESK_RD_ARENA_H
#define RULEDESK_RD_ARENA_H

#include <stdlib.h>
#include <string.h>

#define RD_ARENA_GRAIN 16                     // block sizes are multiples of this, and so are their addresses
#define RD_ARENA_LARGEST 256                  // larger blocks come from malloc
#define RD_ARENA_CLASSES (RD_ARENA_LARGEST / RD_ARENA_GRAIN + 1)
#define RD_ARENA_CHUNK (64 * 1024)            // bytes taken from malloc at a time

/// The free blocks of each size class (a free block holds the next one's address), the rest of the current chunk,
/// and every chunk taken (each starting with the previous one's address), to give back when the state is closed.
typedef struct rd_arena {
    void *free[RD_ARENA_CLASSES];
    char *next, *end;
    void *chunks;
} rd_arena;

static inline size_t rd_arena_class(size_t size) { return (size + RD_ARENA_GRAIN - 1) / RD_ARENA_GRAIN; }

/// A block of `size` bytes (1…RD_ARENA_LARGEST), or NULL when malloc has no chunk to give.
static inline void *rd_arena_take(rd_arena *arena, size_t size) {
    size_t class = rd_arena_class(size);
    void *block = arena->free[class];
    if (block) {
        arena->free[class] = *(void **)block;
        return block;
    }
    size_t bytes = class * RD_ARENA_GRAIN;
    if ((size_t)(arena->end - arena->next) < bytes) {
        char *chunk = malloc(RD_ARENA_CHUNK);
        if (!chunk) return NULL;
        *(void **)chunk = arena->chunks;
        arena->chunks = chunk;
        arena->next = chunk + RD_ARENA_GRAIN;
        arena->end = chunk + RD_ARENA_CHUNK;
    }
    block = arena->next;
    arena->next += bytes;
    return block;
}

/// Gives back a block of `size` bytes that `rd_arena_take` gave.
static inline void rd_arena_give(rd_arena *arena, void *block, size_t size) {
    size_t class = rd_arena_class(size);
    *(void **)block = arena->free[class];
    arena->free[class] = block;
}

/// Lua's allocation function over the arena (see lua_Alloc): `old` is the block's size (0 for a new block).
static inline void *rd_arena_realloc(rd_arena *arena, void *block, size_t old, size_t size) {
    if (size == 0) {
        if (old > RD_ARENA_LARGEST) free(block);
        else if (block) rd_arena_give(arena, block, old);
        return NULL;
    }
    if (old > RD_ARENA_LARGEST && size > RD_ARENA_LARGEST) return realloc(block, size);
    if (block && old <= RD_ARENA_LARGEST && size <= RD_ARENA_LARGEST && rd_arena_class(old) == rd_arena_class(size))
        return block;
    void *moved = size <= RD_ARENA_LARGEST ? rd_arena_take(arena, size) : malloc(size);
    if (!moved) return NULL;
    if (block) {
        memcpy(moved, block, old < size ? old : size);
        rd_arena_realloc(arena, block, old, 0);
    }
    return moved;
}

/// Gives every chunk back to malloc: after lua_close, when no block is in use.
static inline void rd_arena_release(rd_arena *arena) {
    while (arena->chunks) {
        void *previous = *(void **)arena->chunks;
        free(arena->chunks);
        arena->chunks = previous;
    }
    memset(arena, 0, sizeof *arena);
}

#endif
