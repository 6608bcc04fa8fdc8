package org.openrms.auth;

/**
 * An authentication exchange or a sealed message failed. The message names the problem (never a
 * password, hash or key); {@link #reason()} classifies it for callers that map it to a protocol
 * status (401, an HRESULT, a fault).
 */
public final class SecurityContextException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why it failed. */
  public enum Reason {
    /** A token or message could not be parsed. */
    MALFORMED,
    /** Wrong password, unknown account, or a ticket the acceptor cannot decrypt. */
    BAD_CREDENTIALS,
    /** A timestamp, ticket or credential is outside its validity. */
    EXPIRED,
    /** A message was seen before (an NTLM AUTHENTICATE or a sequence number). */
    REPLAYED,
    /** A signature, MIC or checksum did not verify. */
    TAMPERED,
    /** The peer asked for something this side does not allow (mechanism, flags, name). */
    REFUSED,
    /** The context is closed or in the wrong state for the call. */
    STATE
  }

  private final Reason reason;

  /** An exception for {@code reason}. */
  public SecurityContextException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** An exception for {@code reason} with a cause. */
  public SecurityContextException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why it failed. */
  public Reason reason() {
    return reason;
  }
}
