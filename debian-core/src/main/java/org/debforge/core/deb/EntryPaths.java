package org.debforge.core.deb;

import java.util.ArrayList;
import java.util.List;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;

/** Member names of a .deb's tar archives, checked so they cannot point outside the tree. */
final class EntryPaths {
  private EntryPaths() {}

  /**
   * The entry name relative to the archive root, without {@code ./} or empty components: "" for the
   * root itself. Absolute names and {@code ..} components are refused as unsafe.
   */
  static String relative(String name, String deb, String member) {
    if (name.startsWith("/")) {
      throw unsafe(deb, member, name, "absolute path");
    }
    if (name.indexOf('\0') >= 0) {
      throw unsafe(deb, member, name, "NUL byte in name");
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw unsafe(deb, member, name, "'..' path component");
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }

  static FormatException unsafe(String deb, String member, String entry, String why) {
    return new FormatException(
        ErrorKind.UNSAFE_INPUT,
        deb,
        0,
        null,
        "member '" + member + "' entry '" + entry + "': refused: " + why,
        "the package tries to write outside its tree or create special files; do not install it",
        null);
  }
}
