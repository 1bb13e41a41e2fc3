package org.debforge.orchestrator.tag;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * One parent of a tag, with Koji's link options.
 *
 * @param priority lower is searched first; unique per tag
 * @param maxdepth how many levels to follow through this link (1: the parent only), or null for no
 *     limit
 * @param intransitive followed only when the child is the tag asked about, not when inherited
 * @param noconfig inherit builds and packages but not configuration (arches)
 * @param packageFilter a regular expression a package name must match from its start (as Koji's
 *     {@code re.match}) to be inherited through this link, or null
 */
public record InheritanceLink(
    String parent,
    int priority,
    Integer maxdepth,
    boolean intransitive,
    boolean noconfig,
    String packageFilter) {
  public InheritanceLink {
    Tag.requireName(parent);
    if (priority < 0) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT, "priority " + priority + " is negative", "use 0 or more");
    }
    if (maxdepth != null && maxdepth < 0) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT, "maxdepth " + maxdepth + " is negative", "use 0 or more");
    }
    if (packageFilter != null) {
      if (packageFilter.isEmpty()) {
        packageFilter = null;
      } else {
        try {
          Pattern.compile(packageFilter);
        } catch (PatternSyntaxException e) {
          throw new DebforgeException(
              ErrorKind.INVALID_INPUT,
              "package filter '"
                  + packageFilter
                  + "' is not a regular expression: "
                  + e.getDescription(),
              "e.g. '^(linux|firmware-.*)$'");
        }
      }
    }
  }

  public static InheritanceLink of(String parent, int priority) {
    return new InheritanceLink(parent, priority, null, false, false, null);
  }
}
