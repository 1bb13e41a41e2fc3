package org.debforge.cli.version;

import java.util.Arrays;

/**
 * The relations of {@code dpkg --compare-versions} (src/main/enquiry.c), with dpkg's exit status
 * for each outcome: 0 when the relation holds, 1 when not. The {@code -nl} forms treat an empty
 * version as later than any other; the others as earlier.
 */
enum Relation {
  LT("lt", false, true, false, false),
  LE("le", false, true, true, false),
  EQ("eq", false, false, true, false),
  NE("ne", false, true, false, true),
  GE("ge", false, false, true, true),
  GT("gt", false, false, false, true),
  LT_NL("lt-nl", true, true, false, false),
  LE_NL("le-nl", true, true, true, false),
  GE_NL("ge-nl", true, false, true, true),
  GT_NL("gt-nl", true, false, false, true),
  // The control-file spellings; dpkg warns that bare < and > are obsolete and mean <= and >=.
  LT_CONTROL("<<", false, true, false, false),
  LE_CONTROL("<=", false, true, true, false),
  EQ_CONTROL("=", false, false, true, false),
  GE_CONTROL(">=", false, false, true, true),
  GT_CONTROL(">>", false, false, false, true),
  LE_OBSOLETE("<", false, true, true, false),
  GE_OBSOLETE(">", false, false, true, true);

  final String spelling;
  final boolean emptyIsLatest;
  private final boolean ifLess;
  private final boolean ifEqual;
  private final boolean ifGreater;

  Relation(
      String spelling, boolean emptyIsLatest, boolean ifLess, boolean ifEqual, boolean ifGreater) {
    this.spelling = spelling;
    this.emptyIsLatest = emptyIsLatest;
    this.ifLess = ifLess;
    this.ifEqual = ifEqual;
    this.ifGreater = ifGreater;
  }

  boolean obsolete() {
    return this == LE_OBSOLETE || this == GE_OBSOLETE;
  }

  boolean holds(int comparison) {
    return comparison < 0 ? ifLess : comparison > 0 ? ifGreater : ifEqual;
  }

  static Relation of(String spelling) {
    for (Relation r : values()) {
      if (r.spelling.equals(spelling)) {
        return r;
      }
    }
    return null;
  }

  static String spellings() {
    return String.join(" ", Arrays.stream(values()).map(r -> r.spelling).toList());
  }
}
