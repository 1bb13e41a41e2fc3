package org.debforge.orchestrator.web;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Which slice of a long list a page shows, with links to its neighbours (null at the ends).
 *
 * @param page 1-based
 */
public record Pager(int page, int pages, int total, int from, int to, String prev, String next) {
  static Pager of(int total, int requested, int size, IntFunction<String> href) {
    int pages = Math.max(1, (total + size - 1) / size);
    int page = Math.min(Math.max(1, requested), pages);
    int from = Math.min(total, (page - 1) * size);
    int to = Math.min(total, from + size);
    return new Pager(
        page,
        pages,
        total,
        from,
        to,
        page > 1 ? href.apply(page - 1) : null,
        page < pages ? href.apply(page + 1) : null);
  }

  <T> List<T> slice(List<T> all) {
    return all.subList(from, to);
  }

  public boolean several() {
    return pages > 1;
  }

  /** The page number asked for in {@code ?page=N}; anything else is page 1. */
  static int requested(String param) {
    return param != null && param.matches("[0-9]{1,6}") ? Integer.parseInt(param) : 1;
  }
}
