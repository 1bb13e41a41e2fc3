package org.debforge.core.relation;

/** The version operators of relationship fields (policy 7.1), with their canonical spelling. */
public enum VersionRelation {
  EARLIER("<<"),
  EARLIER_OR_EQUAL("<="),
  EXACTLY("="),
  LATER_OR_EQUAL(">="),
  LATER(">>");

  private final String symbol;

  VersionRelation(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /**
   * The operator spelled {@code text}, or null. The obsolete {@code <} and {@code >} mean {@code
   * <=} and {@code >=}, as dpkg still reads them.
   */
  public static VersionRelation of(String text) {
    return switch (text) {
      case "<<" -> EARLIER;
      case "<=", "<" -> EARLIER_OR_EQUAL;
      case "=" -> EXACTLY;
      case ">=", ">" -> LATER_OR_EQUAL;
      case ">>" -> LATER;
      default -> null;
    };
  }

  /** Whether a version comparing {@code cmp} (sign of available vs required) satisfies this. */
  public boolean satisfiedBy(int cmp) {
    return switch (this) {
      case EARLIER -> cmp < 0;
      case EARLIER_OR_EQUAL -> cmp <= 0;
      case EXACTLY -> cmp == 0;
      case LATER_OR_EQUAL -> cmp >= 0;
      case LATER -> cmp > 0;
    };
  }

  @Override
  public String toString() {
    return symbol;
  }
}
