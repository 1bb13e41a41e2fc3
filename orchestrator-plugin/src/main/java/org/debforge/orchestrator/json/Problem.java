package org.debforge.orchestrator.json;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.upload.TooLarge;
import org.debforge.orchestrator.upload.TooManyUploads;

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
  static final String TOO_MANY_UPLOADS = PREFIX + "too-many-uploads";
  static final String BUSY = PREFIX + "server-busy";
  static final String TIMEOUT = PREFIX + "request-timeout";

  /** The media type of every problem body; the bytes are UTF-8 and the header says so. */
  public static final String CONTENT_TYPE = "application/problem+json; charset=utf-8";

  /** The one mapping of engine errors to HTTP: status and type by kind. */
  public static Problem of(DebforgeException e) {
    if (e instanceof TooLarge) {
      return new Problem(
          TOO_LARGE, "Payload too large", 413, e.getMessage(), e.hint().orElse(null));
    }
    if (e instanceof TooManyUploads) {
      return new Problem(
          TOO_MANY_UPLOADS, "Too many requests", 429, e.getMessage(), e.hint().orElse(null));
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

  /** Every request-body slot is taken (see the server's client limits): try again shortly. */
  public static Problem busy(int slots) {
    return new Problem(
        BUSY,
        "Service unavailable",
        503,
        "the server is already receiving " + slots + " request bodies",
        "retry after the seconds Retry-After says");
  }

  /**
   * A request refused by the HTTP layer before or while a route read it, with the status Jetty or
   * Javalin chose: 408 when its body came in slower than the minimum data rate, 413 over a size
   * limit, else a malformed request.
   */
  public static Problem badMessage(int status, String reason) {
    String detail = reason == null ? "bad request" : "the request is malformed: " + reason;
    return switch (status) {
      case 408 ->
          new Problem(
              TIMEOUT,
              "Request timeout",
              408,
              "the request came in too slowly" + (reason == null ? "" : ": " + reason),
              "send the request without pauses, or from a faster link");
      case 413 -> new Problem(TOO_LARGE, "Payload too large", 413, detail, null);
      case 431 -> new Problem(TOO_LARGE, "Request header fields too large", 431, detail, null);
      default ->
          new Problem(
              typeOf(clientKind(status)),
              "Bad request",
              status,
              detail,
              "check the URL's encoding (no %00, no encoded '/' tricks) and the headers");
    };
  }

  /** The kind of a 4xx answered by the HTTP layer; any status without its own kind is bad input. */
  private static ErrorKind clientKind(int status) {
    ErrorKind k = kindOf(null, status);
    return k == ErrorKind.IO ? ErrorKind.INVALID_INPUT : k;
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
