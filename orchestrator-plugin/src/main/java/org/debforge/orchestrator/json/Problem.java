package org.debforge.orchestrator.json;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.upload.TooLarge;

/**
 * An RFC 9457 problem-details body: the one shape of every error the server returns. The {@code
 * type} URIs are stable (clients switch on them; the remote CLI turns them back into the same
 * {@link ErrorKind}, hence the same exit code, as a local run), which is why both directions of the
 * mapping live here, beside the other shapes server and client share.
 */
public record Problem(String type, String title, int status, String detail, String hint) {
  static final String PREFIX = "urn:debforge:problem:";
  static final String TOO_LARGE = PREFIX + "payload-too-large";
  static final String INTERNAL = PREFIX + "internal";

  /** The one mapping of engine errors to HTTP: status and type by kind. */
  public static Problem of(DebforgeException e) {
    if (e instanceof TooLarge) {
      return new Problem(
          TOO_LARGE, "Payload too large", 413, e.getMessage(), e.hint().orElse(null));
    }
    int status =
        switch (e.kind()) {
          case INVALID_INPUT, UNSAFE_INPUT -> 400;
          case UNAUTHENTICATED -> 401;
          case PERMISSION_DENIED -> 403;
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          case VERIFICATION_FAILED -> 422;
          default -> 500;
        };
    if (status == 500) {
      // Server-side failures (I/O, database, bugs) are logged, not described to the client.
      return internal();
    }
    return new Problem(
        typeOf(e.kind()), titleOf(e.kind()), status, e.getMessage(), e.hint().orElse(null));
  }

  public static Problem internal() {
    return new Problem(
        INTERNAL,
        "Internal server error",
        500,
        "the server failed to handle the request",
        "see the server's log; retry later");
  }

  public static String typeOf(ErrorKind kind) {
    return PREFIX + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String titleOf(ErrorKind kind) {
    String s = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The kind a problem type stands for (the client side of the mapping). */
  public static ErrorKind kindOf(String type, int status) {
    if (TOO_LARGE.equals(type)) {
      return ErrorKind.UNSAFE_INPUT;
    }
    for (ErrorKind k : ErrorKind.values()) {
      if (typeOf(k).equals(type)) {
        return k;
      }
    }
    return switch (status) {
      case 400 -> ErrorKind.INVALID_INPUT;
      case 401 -> ErrorKind.UNAUTHENTICATED;
      case 403 -> ErrorKind.PERMISSION_DENIED;
      case 404 -> ErrorKind.NOT_FOUND;
      case 409 -> ErrorKind.CONFLICT;
      case 413 -> ErrorKind.UNSAFE_INPUT;
      case 422 -> ErrorKind.VERIFICATION_FAILED;
      default -> ErrorKind.IO;
    };
  }

  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("title", title);
    m.put("status", status);
    m.put("detail", detail);
    if (hint != null) {
      m.put("hint", hint);
    }
    return m;
  }
}
