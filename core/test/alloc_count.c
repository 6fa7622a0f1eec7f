/*
 * alloc_count.c -- the --wrap wrappers behind alloc_count.h.
 *
 * The linker resolves each undefined reference to `malloc` in the objects it
 * links to `__wrap_malloc`, and `__real_malloc` to the C library's malloc.
 * The wrappers count and forward; they never change what the caller gets.
 */
#include "alloc_count.h"

#include <stdlib.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *ptr, size_t n);
void __real_free(void *ptr);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__real_aligned_alloc(size_t align, size_t n);
int __real_posix_memalign(void **out, size_t align, size_t n);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *ptr, size_t n);
void __wrap_free(void *ptr);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
void *__wrap_aligned_alloc(size_t align, size_t n);
int __wrap_posix_memalign(void **out, size_t align, size_t n);

/* Test code, not engine code: the counters are the point of this file. */
static struct h1_alloc_counts counts;

void h1_alloc_count_reset(void) {
  counts.allocs = 0;
  counts.frees = 0;
}

struct h1_alloc_counts h1_alloc_count_get(void) {
  return counts;
}

unsigned long h1_alloc_count_total(void) {
  return counts.allocs + counts.frees;
}

void *__wrap_malloc(size_t n) {
  counts.allocs++;
  return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size) {
  counts.allocs++;
  return __real_calloc(n, size);
}

void *__wrap_realloc(void *ptr, size_t n) {
  counts.allocs++;
  return __real_realloc(ptr, n);
}

void __wrap_free(void *ptr) {
  counts.frees++;
  __real_free(ptr);
}

char *__wrap_strdup(const char *s) {
  counts.allocs++;
  return __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n) {
  counts.allocs++;
  return __real_strndup(s, n);
}

void *__wrap_aligned_alloc(size_t align, size_t n) {
  counts.allocs++;
  return __real_aligned_alloc(align, n);
}

int __wrap_posix_memalign(void **out, size_t align, size_t n) {
  counts.allocs++;
  return __real_posix_memalign(out, align, n);
}
