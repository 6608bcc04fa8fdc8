package org.openrms.auth.internal.spnego;

import java.util.List;
import org.openrms.auth.Mechanism;
import org.openrms.auth.SealedMessage;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;
import org.openrms.auth.Spnego;

/**
 * The initiator behind {@link Spnego#initiator}: offers exactly the delegate's mechanism, so no
 * mechListMIC is needed (RFC 4178 §5: the selected mechanism is the first one offered).
 */
public final class SpnegoInitiator implements SecurityContext {
  private final SecurityContext delegate;
  private boolean started;
  private boolean closed;

  /** Wraps {@code delegate}. */
  public SpnegoInitiator(SecurityContext delegate) {
    this.delegate = delegate;
  }

  @Override
  public Mechanism mechanism() {
    return delegate.mechanism();
  }

  @Override
  public byte[] step(byte[] peerToken) {
    if (closed) {
      throw new SecurityContextException(Reason.STATE, "the context is closed");
    }
    if (!started) {
      if (peerToken != null) {
        throw new SecurityContextException(Reason.STATE, "the initiator speaks first");
      }
      started = true;
      byte[] first = delegate.step(null);
      return SpnegoTokens.writeInit(List.of(oid(delegate.mechanism())), first, null);
    }
    if (peerToken == null) {
      throw new SecurityContextException(Reason.STATE, "the acceptor's token is missing");
    }
    SpnegoTokens.NegTokenResp resp = SpnegoTokens.readResp(peerToken);
    if (resp.negState() == SpnegoTokens.REJECT) {
      throw new SecurityContextException(Reason.REFUSED, "the acceptor rejected " + mechanism());
    }
    if (resp.supportedMech() != null
        && SpnegoAcceptor.mechanismOf(resp.supportedMech()) != delegate.mechanism()) {
      throw new SecurityContextException(
          Reason.REFUSED, "the acceptor chose another mechanism: " + resp.supportedMech());
    }
    byte[] out = resp.responseToken() == null ? null : delegate.step(resp.responseToken());
    if (resp.negState() == SpnegoTokens.ACCEPT_COMPLETED && !delegate.isEstablished()) {
      throw new SecurityContextException(
          Reason.BAD_CREDENTIALS, "the acceptor completed before the mechanism did");
    }
    return out == null ? null : SpnegoTokens.writeResp(-1, null, out, null);
  }

  private static String oid(Mechanism m) {
    if (m != Mechanism.NTLM && m != Mechanism.KERBEROS) {
      throw new IllegalArgumentException("SPNEGO wraps NTLM or Kerberos, not " + m);
    }
    return m.oid();
  }

  @Override
  public boolean isEstablished() {
    return !closed && started && delegate.isEstablished();
  }

  @Override
  public String peerName() {
    return delegate.peerName();
  }

  @Override
  public SealedMessage seal(byte[] plaintext) {
    return delegate.seal(plaintext);
  }

  @Override
  public byte[] unseal(SealedMessage message) {
    return delegate.unseal(message);
  }

  @Override
  public void close() {
    closed = true;
    delegate.close();
  }
}
