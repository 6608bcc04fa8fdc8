package org.openrms.wsman.client.internal;

import java.security.cert.CertificateException;

/**
 * A server certificate check that failed inside the TLS handshake, tagged with which check it was
 * so that the transport can report it without parsing messages.
 */
public final class CertificateCheckFailure extends CertificateException {
  private static final long serialVersionUID = 1L;

  /** True for the name check (SkipCNCheck), false for the CA check (SkipCACheck). */
  private final boolean nameCheck;

  CertificateCheckFailure(boolean nameCheck, String message, Throwable cause) {
    super(message, cause);
    this.nameCheck = nameCheck;
  }

  /** True if the certificate did not match the address; false if it did not chain to a CA. */
  public boolean isNameCheck() {
    return nameCheck;
  }
}
