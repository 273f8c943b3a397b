#include "CAcademyXMLSupport.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Each block starts 16 bytes after its header: the block's size class, or LARGE and the size
// asked for a block from malloc. Blocks stay 16-byte aligned, as malloc's are.
enum {
    CLASS_COUNT = 17,
    LARGEST = 2048,
    HEADER_WORDS = 2,
    CHUNK_SIZE = 64 * 1024,
    // A thread's list of one size longer than this passes SPILL_COUNT blocks to the pool.
    LOCAL_LIMIT = 4096,
    SPILL_COUNT = 2048,
};
static const uint64_t LARGE = UINT64_MAX;
static const uint32_t classSize[CLASS_COUNT] = {16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 256, 320, 384, 512, 768, 1024, 2048};

typedef struct Block {
    struct Block *next;
} Block;

typedef struct Cache {
    Block *free[CLASS_COUNT];
    uint32_t count[CLASS_COUNT];
    // The unused rest of the chunk that new blocks are cut from.
    char *rest;
    char *restEnd;
    int isRegistered;
} Cache;

// Initial-exec: the cache is reached without a call (the library is linked into the executable).
// Darwin's toolchain has no such model to choose.
#if defined(__linux__)
static __thread __attribute__((tls_model("initial-exec"))) Cache cache;
#else
static __thread Cache cache;
#endif

static pthread_mutex_t poolLock = PTHREAD_MUTEX_INITIALIZER;
static Block *pool[CLASS_COUNT];
static pthread_key_t threadEnd;
static pthread_once_t threadEndOnce = PTHREAD_ONCE_INIT;

static inline unsigned classFor(size_t size) {
    if (size <= 128) return size == 0 ? 0 : (unsigned)((size + 15) >> 4) - 1;
    unsigned sizeClass = 8;
    while (classSize[sizeClass] < size) sizeClass++;
    return sizeClass;
}

static inline uint64_t *headerOf(void *block) { return (uint64_t *)block - HEADER_WORDS; }

/// Pushes a block on this thread's list of its class.
static inline void pushLocal(Block *block, unsigned sizeClass) {
    block->next = cache.free[sizeClass];
    cache.free[sizeClass] = block;
    cache.count[sizeClass]++;
}

/// Cuts the rest of the current chunk into blocks, largest first, for this thread's lists.
static void retireRest(void) {
    while (cache.rest && cache.restEnd - cache.rest >= (ptrdiff_t)(classSize[0] + HEADER_WORDS * 8)) {
        size_t room = (size_t)(cache.restEnd - cache.rest) - HEADER_WORDS * 8;
        unsigned sizeClass = CLASS_COUNT - 1;
        while (classSize[sizeClass] > room) sizeClass--;
        uint64_t *header = (uint64_t *)cache.rest;
        header[0] = sizeClass;
        cache.rest += HEADER_WORDS * 8 + classSize[sizeClass];
        pushLocal((Block *)(header + HEADER_WORDS), sizeClass);
    }
    cache.rest = cache.restEnd = NULL;
}

/// At a thread's end: every block it holds goes to the pool.
static void threadEnded(void *unused) {
    (void)unused;
    retireRest();
    pthread_mutex_lock(&poolLock);
    for (unsigned sizeClass = 0; sizeClass < CLASS_COUNT; sizeClass++) {
        Block *block = cache.free[sizeClass];
        while (block) {
            Block *next = block->next;
            block->next = pool[sizeClass];
            pool[sizeClass] = block;
            block = next;
        }
        cache.free[sizeClass] = NULL;
        cache.count[sizeClass] = 0;
    }
    pthread_mutex_unlock(&poolLock);
    // A later free on this thread (by another key's destructor) registers it again.
    cache.isRegistered = 0;
}

static void makeThreadEndKey(void) { pthread_key_create(&threadEnd, threadEnded); }

static void registerThread(void) {
    pthread_once(&threadEndOnce, makeThreadEndKey);
    pthread_setspecific(threadEnd, &cache);
    cache.isRegistered = 1;
}

/// Moves SPILL_COUNT blocks of a class from this thread's list to the pool.
static void spill(unsigned sizeClass) {
    Block *first = cache.free[sizeClass];
    Block *last = first;
    for (int index = 1; index < SPILL_COUNT; index++) last = last->next;
    cache.free[sizeClass] = last->next;
    cache.count[sizeClass] -= SPILL_COUNT;
    pthread_mutex_lock(&poolLock);
    last->next = pool[sizeClass];
    pool[sizeClass] = first;
    pthread_mutex_unlock(&poolLock);
}

/// A block of `sizeClass` when this thread's list is empty: from the pool, else a new one.
static void *refill(unsigned sizeClass) {
    if (!cache.isRegistered) registerThread();
    if (pool[sizeClass]) {
        pthread_mutex_lock(&poolLock);
        // Up to SPILL_COUNT blocks at once, so that the lock is taken seldom.
        for (int taken = 0; taken < SPILL_COUNT && pool[sizeClass]; taken++) {
            Block *block = pool[sizeClass];
            pool[sizeClass] = block->next;
            pushLocal(block, sizeClass);
        }
        pthread_mutex_unlock(&poolLock);
        if (cache.free[sizeClass]) {
            Block *block = cache.free[sizeClass];
            cache.free[sizeClass] = block->next;
            cache.count[sizeClass]--;
            return block;
        }
    }
    size_t needed = HEADER_WORDS * 8 + classSize[sizeClass];
    if (!cache.rest || (size_t)(cache.restEnd - cache.rest) < needed) {
        retireRest();
        char *chunk = malloc(CHUNK_SIZE);
        if (!chunk) return NULL;
        cache.rest = chunk;
        cache.restEnd = chunk + CHUNK_SIZE;
    }
    uint64_t *header = (uint64_t *)cache.rest;
    cache.rest += needed;
    header[0] = sizeClass;
    return header + HEADER_WORDS;
}

void *academy_xml_malloc(size_t size) {
    if (size > LARGEST) {
        uint64_t *header = malloc(size + HEADER_WORDS * 8);
        if (!header) return NULL;
        header[0] = LARGE;
        header[1] = size;
        return header + HEADER_WORDS;
    }
    unsigned sizeClass = classFor(size);
    Block *block = cache.free[sizeClass];
    if (!block) return refill(sizeClass);
    cache.free[sizeClass] = block->next;
    cache.count[sizeClass]--;
    return block;
}

void academy_xml_free(void *pointer) {
    if (!pointer) return;
    uint64_t *header = headerOf(pointer);
    if (header[0] == LARGE) {
        free(header);
        return;
    }
    if (!cache.isRegistered) registerThread();
    unsigned sizeClass = (unsigned)header[0];
    pushLocal(pointer, sizeClass);
    if (cache.count[sizeClass] > LOCAL_LIMIT) spill(sizeClass);
}

void *academy_xml_realloc(void *pointer, size_t size) {
    if (!pointer) return academy_xml_malloc(size);
    uint64_t *header = headerOf(pointer);
    if (header[0] == LARGE) {
        uint64_t *moved = realloc(header, size + HEADER_WORDS * 8);
        if (!moved) return NULL;
        moved[1] = size;
        return moved + HEADER_WORDS;
    }
    size_t capacity = classSize[header[0]];
    if (size <= capacity) return pointer;
    void *grown = academy_xml_malloc(size);
    if (!grown) return NULL;
    memcpy(grown, pointer, capacity);
    academy_xml_free(pointer);
    return grown;
}

char *academy_xml_strdup(const char *text) {
    size_t size = strlen(text) + 1;
    char *copy = academy_xml_malloc(size);
    if (copy) memcpy(copy, text, size);
    return copy;
}
