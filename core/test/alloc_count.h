/*
 * alloc_count.h -- counts heap calls made inside a test executable.
 *
 * Every test executable is linked with alloc_count.c and with the linker
 * options --wrap=malloc, --wrap=calloc, --wrap=realloc, --wrap=free,
 * --wrap=strdup, --wrap=strndup, --wrap=aligned_alloc and
 * --wrap=posix_memalign (core/test/CMakeLists.txt).  Each call to one of
 * those functions from an object linked into the executable -- the test
 * itself and the engine's objects -- goes through a wrapper here that counts
 * it and forwards to the C library.  Calls made inside shared libraries
 * (libc, cmocka) are not counted.
 */
#ifndef H1_TEST_ALLOC_COUNT_H
#define H1_TEST_ALLOC_COUNT_H

#include <stddef.h>

struct h1_alloc_counts {
  unsigned long allocs; /* malloc, calloc, realloc, strdup, ... */
  unsigned long frees;  /* free */
};

/* Sets both counters to zero. */
void h1_alloc_count_reset(void);

/* The counts since the last reset. */
struct h1_alloc_counts h1_alloc_count_get(void);

/* allocs + frees since the last reset. */
unsigned long h1_alloc_count_total(void);

#endif /* H1_TEST_ALLOC_COUNT_H */
