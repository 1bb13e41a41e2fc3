package org.debforge.ostree.deploy;

import java.util.ArrayList;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * rpm-ostree's kernel-argument edits, applied in its order (append, replace, delete, then the
 * if-missing and if-present forms) to a deployment's arguments. An argument is {@code KEY} or
 * {@code KEY=VALUE}; {@code --replace KEY=VALUE} sets the one {@code KEY}, {@code --replace
 * KEY=OLD=NEW} changes one of several.
 */
public record Kargs(
    List<String> append,
    List<String> appendIfMissing,
    List<String> delete,
    List<String> deleteIfPresent,
    List<String> replace) {
  public Kargs {
    append = List.copyOf(append);
    appendIfMissing = List.copyOf(appendIfMissing);
    delete = List.copyOf(delete);
    deleteIfPresent = List.copyOf(deleteIfPresent);
    replace = List.copyOf(replace);
    for (List<String> l : List.of(append, appendIfMissing, delete, deleteIfPresent, replace)) {
      for (String a : l) {
        if (a.isEmpty() || !a.matches("[\\x21-\\x7e]+") || a.startsWith("ostree=")) {
          throw new DebforgeException(
              ErrorKind.INVALID_INPUT,
              "kernel argument '"
                  + a
                  + "' is empty, has spaces or control characters, or is ostree=",
              "one argument per option, e.g. --append=console=ttyS0; ostree= is ostree's own");
        }
      }
    }
  }

  public boolean isEmpty() {
    return append.isEmpty()
        && appendIfMissing.isEmpty()
        && delete.isEmpty()
        && deleteIfPresent.isEmpty()
        && replace.isEmpty();
  }

  public List<String> apply(List<String> current) {
    List<String> out = new ArrayList<>(current);
    out.addAll(append);
    for (String r : replace) {
      String key = key(r);
      String rest = r.contains("=") ? r.substring(r.indexOf('=') + 1) : "";
      int eq = rest.indexOf('=');
      if (eq >= 0) {
        String old = key + "=" + rest.substring(0, eq);
        int i = out.indexOf(old);
        if (i < 0) {
          throw missing(old);
        }
        out.set(i, key + "=" + rest.substring(eq + 1));
      } else {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
          if (key(out.get(i)).equals(key)) {
            at.add(i);
          }
        }
        if (at.isEmpty()) {
          throw missing(key);
        }
        if (at.size() > 1) {
          throw new DebforgeException(
              ErrorKind.INVALID_INPUT,
              "--replace " + r + ": " + key + " is given " + at.size() + " times",
              "name the one to change: --replace " + key + "=OLD=NEW");
        }
        out.set(at.get(0), r);
      }
    }
    for (String d : delete) {
      if (!out.remove(d)) {
        throw missing(d);
      }
    }
    for (String a : appendIfMissing) {
      if (!out.contains(a)) {
        out.add(a);
      }
    }
    for (String d : deleteIfPresent) {
      out.remove(d);
    }
    return out;
  }

  private static String key(String a) {
    int eq = a.indexOf('=');
    return eq < 0 ? a : a.substring(0, eq);
  }

  private static DebforgeException missing(String a) {
    return new DebforgeException(
        ErrorKind.NOT_FOUND,
        "kernel argument '" + a + "' is not in the deployment's arguments",
        "apt-ostree kargs prints them; --delete-if-present does not mind a missing one");
  }
}
