package org.openrms.auth.internal.ntlm;

import java.util.Objects;
import org.openrms.auth.Mechanism;
import org.openrms.auth.SealedMessage;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;

/**
 * What the NTLM initiator and acceptor share: state checks, the session security once established,
 * and close. A context whose {@code step} failed is spent: every later call refuses with {@link
 * Reason#STATE}.
 */
abstract class NtlmContextBase implements SecurityContext {
  private NtlmSessionSecurity session;
  private String peer;
  private boolean closed;
  private boolean failed;

  @Override
  public final Mechanism mechanism() {
    return Mechanism.NTLM;
  }

  @Override
  public final byte[] step(byte[] peerToken) {
    if (closed || failed) {
      throw new SecurityContextException(
          Reason.STATE, closed ? "the NTLM context is closed" : "the NTLM exchange failed");
    }
    if (session != null) {
      throw new SecurityContextException(Reason.STATE, "the NTLM context is already established");
    }
    try {
      return doStep(peerToken);
    } catch (RuntimeException e) {
      failed = true;
      zeroSecrets();
      throw e;
    }
  }

  /** One step of the exchange; calls {@link #established} when done. */
  abstract byte[] doStep(byte[] peerToken);

  /** Zeroes what the exchange itself holds (hashes); called on failure and close. */
  abstract void zeroSecrets();

  final void established(NtlmSessionSecurity security, String peerName) {
    this.session = security;
    this.peer = peerName;
  }

  @Override
  public final boolean isEstablished() {
    return session != null && !closed;
  }

  @Override
  public final String peerName() {
    if (session == null) {
      throw new IllegalStateException("the NTLM context is not established");
    }
    return peer;
  }

  @Override
  public final SealedMessage seal(byte[] plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    if (closed || session == null) {
      throw new IllegalStateException(
          closed ? "the NTLM context is closed" : "the NTLM context is not established");
    }
    return session.seal(plaintext);
  }

  @Override
  public final byte[] unseal(SealedMessage message) {
    Objects.requireNonNull(message, "message");
    if (closed || session == null) {
      throw new SecurityContextException(
          Reason.STATE,
          closed ? "the NTLM context is closed" : "the NTLM context is not established");
    }
    return session.unseal(message);
  }

  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      zeroSecrets();
      if (session != null) {
        session.close();
      }
    }
  }

  /** Whether the session keys are zeroed (after close); for tests. */
  final boolean sessionZeroed() {
    return session == null || session.isZeroed();
  }

  static SecurityContextException refused(String message) {
    return new SecurityContextException(Reason.REFUSED, message);
  }

  /** FILETIME (100 ns ticks since 1601-01-01 UTC) for epoch milliseconds. */
  static long fileTime(long epochMillis) {
    return (epochMillis + 11_644_473_600_000L) * 10_000L;
  }

  static long epochMillis(long fileTime) {
    return fileTime / 10_000L - 11_644_473_600_000L;
  }
}
