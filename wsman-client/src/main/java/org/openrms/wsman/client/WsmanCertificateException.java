package org.openrms.wsman.client;

import java.util.Objects;

/**
 * The HTTPS server certificate failed one of the checks {@link SessionFlag#SKIP_CA_CHECK} and
 * {@link SessionFlag#SKIP_CN_CHECK} turn off; {@link #check()} says which.
 */
public final class WsmanCertificateException extends WsmanConnectionException {
  private static final long serialVersionUID = 1L;

  /** The check a server certificate failed. */
  public enum Check {
    /** The certificate does not chain to a trusted certificate authority (SkipCACheck). */
    CERTIFICATE_AUTHORITY,
    /** The certificate does not name the address of the connection string (SkipCNCheck). */
    CERTIFICATE_NAME
  }

  private final Check check;

  /** An exception for a failed check. */
  public WsmanCertificateException(Check check, String message, Throwable cause) {
    super(message, cause);
    this.check = Objects.requireNonNull(check, "check");
  }

  /** The check that failed. */
  public Check check() {
    return check;
  }
}
