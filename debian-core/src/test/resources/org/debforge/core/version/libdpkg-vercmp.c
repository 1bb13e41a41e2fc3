/*
 * Batch version comparison with dpkg's own code (libdpkg: parseversion, dpkg_version_compare),
 * the same functions `dpkg --compare-versions` runs, without one process per pair.
 * Reads "A<TAB>B" lines; prints -1, 0 or 1 per line, or "E" when dpkg would refuse either
 * version (an error; dpkg's warnings are accepted, as --compare-versions does).
 */
#define LIBDPKG_VOLATILE_API 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dpkg/dpkg.h>
#include <dpkg/dpkg-db.h>
#include <dpkg/version.h>
#include <dpkg/error.h>

static int parse(struct dpkg_version *v, const char *s) {
  struct dpkg_error err = DPKG_ERROR_INIT;
  if (parseversion(v, s, &err) < 0) {
    int fatal = err.type == DPKG_MSG_ERROR;
    dpkg_error_destroy(&err);
    return fatal ? -1 : 0;
  }
  return 0;
}

int main(void) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, stdin)) >= 0) {
    if (len > 0 && line[len - 1] == '\n')
      line[--len] = '\0';
    char *tab = strchr(line, '\t');
    struct dpkg_version a, b;
    if (tab == NULL) {
      puts("E");
      continue;
    }
    *tab = '\0';
    if (parse(&a, line) < 0 || parse(&b, tab + 1) < 0) {
      puts("E");
      continue;
    }
    int r = dpkg_version_compare(&a, &b);
    puts(r < 0 ? "-1" : r > 0 ? "1" : "0");
  }
  return 0;
}
