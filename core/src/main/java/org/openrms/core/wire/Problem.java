package org.openrms.core.wire;

/**
 * An {@code application/problem+json} error body (RFC 9457) with a stable {@link RmsErrorCode}.
 *
 * @param type {@code "urn:openrms:problem:" + code} in lower case
 * @param title a short, fixed summary of the code
 * @param status the HTTP status
 * @param detail a human-readable explanation (never contains secrets)
 * @param code the {@link RmsErrorCode} name
 */
public record Problem(String type, String title, int status, String detail, String code) {

  /** Builds a problem for a code with its own status and title. */
  public static Problem of(RmsErrorCode code, String detail) {
    return new Problem(
        "urn:openrms:problem:" + code.name().toLowerCase(java.util.Locale.ROOT),
        code.title(),
        code.httpStatus(),
        detail,
        code.name());
  }
}
