package org.openrms.auth.internal.spnego;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import org.openrms.auth.Mechanism;
import org.openrms.auth.SealedMessage;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;
import org.openrms.auth.Spnego;

/**
 * The acceptor behind {@link Spnego#acceptor}: detects raw NTLMSSP, raw Kerberos or SPNEGO on the
 * first token, then forwards to one delegate. See {@link Spnego} for the accepted forms.
 */
public final class SpnegoAcceptor implements SecurityContext {
  private static final byte[] NTLMSSP = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);

  private final Function<Mechanism, SecurityContext> factory;
  private SecurityContext delegate;
  private boolean wrapped;
  private boolean responded;
  private String supportedOid;
  private byte[] mechTypesDer;
  private boolean finished;
  private boolean closed;

  /** An acceptor using {@code factory} for the delegate. */
  public SpnegoAcceptor(Function<Mechanism, SecurityContext> factory) {
    this.factory = factory;
  }

  @Override
  public Mechanism mechanism() {
    return delegate == null ? Mechanism.SPNEGO : delegate.mechanism();
  }

  @Override
  public byte[] step(byte[] peerToken) {
    if (closed) {
      throw new SecurityContextException(Reason.STATE, "the context is closed");
    }
    if (peerToken == null) {
      throw new SecurityContextException(Reason.STATE, "an acceptor needs the peer's token");
    }
    if (finished) {
      throw new SecurityContextException(Reason.STATE, "authentication already completed");
    }
    if (delegate == null) {
      return first(peerToken);
    }
    if (!wrapped) {
      return raw(peerToken);
    }
    SpnegoTokens.NegTokenResp resp = SpnegoTokens.readResp(peerToken);
    if (resp.negState() == SpnegoTokens.REJECT) {
      throw new SecurityContextException(Reason.REFUSED, "the client rejected the negotiation");
    }
    byte[] out = null;
    if (resp.responseToken() != null) {
      out = delegate.step(resp.responseToken());
    } else if (!delegate.isEstablished()) {
      throw Der.malformed("NegTokenResp without a responseToken");
    }
    return answer(out, resp.mechListMic());
  }

  private byte[] first(byte[] token) {
    if (startsWith(token, NTLMSSP)) {
      delegate = create(Mechanism.NTLM);
      return raw(token);
    }
    if (!SpnegoTokens.isGssFramed(token)) {
      throw Der.malformed("neither NTLMSSP, Kerberos nor SPNEGO");
    }
    String mech = SpnegoTokens.readGssToken(token).mech();
    if (SpnegoTokens.KRB5_OID.equals(mech) || SpnegoTokens.MS_KRB5_OID.equals(mech)) {
      delegate = create(Mechanism.KERBEROS);
      return raw(token);
    }
    if (!SpnegoTokens.SPNEGO_OID.equals(mech)) {
      throw new SecurityContextException(Reason.REFUSED, "unsupported mechanism " + mech);
    }
    SpnegoTokens.NegTokenInit init = SpnegoTokens.readInit(token);
    wrapped = true;
    mechTypesDer = init.mechTypesDer();
    for (String offered : init.mechTypes()) {
      Mechanism m = mechanismOf(offered);
      if (m != null) {
        supportedOid = offered;
        delegate = create(m);
        break;
      }
    }
    if (delegate == null) {
      throw new SecurityContextException(
          Reason.REFUSED, "none of the offered mechanisms is supported: " + init.mechTypes());
    }
    byte[] out = null;
    boolean optimistic = supportedOid.equals(init.mechTypes().get(0));
    if (optimistic && init.mechToken() != null) {
      out = delegate.step(init.mechToken());
    }
    return answer(out, init.mechListMic());
  }

  private byte[] raw(byte[] token) {
    byte[] out = delegate.step(token);
    finished = delegate.isEstablished();
    return out;
  }

  private byte[] answer(byte[] out, byte[] peerMic) {
    boolean done = delegate.isEstablished();
    byte[] ourMic = null;
    if (done && peerMic != null && delegate instanceof Spnego.MechListMic mic) {
      mic.verifyMic(mechTypesDer, peerMic);
      ourMic = mic.mic(mechTypesDer);
    }
    String mech = responded ? null : supportedOid;
    responded = true;
    finished = done;
    return SpnegoTokens.writeResp(
        done ? SpnegoTokens.ACCEPT_COMPLETED : SpnegoTokens.ACCEPT_INCOMPLETE, mech, out, ourMic);
  }

  private SecurityContext create(Mechanism m) {
    SecurityContext c = factory.apply(m);
    if (c == null) {
      throw new SecurityContextException(Reason.REFUSED, m + " is not accepted here");
    }
    return c;
  }

  static Mechanism mechanismOf(String oid) {
    return switch (oid) {
      case SpnegoTokens.NTLM_OID -> Mechanism.NTLM;
      case SpnegoTokens.KRB5_OID, SpnegoTokens.MS_KRB5_OID -> Mechanism.KERBEROS;
      default -> null;
    };
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    return b.length >= prefix.length
        && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public boolean isEstablished() {
    return !closed && finished && delegate != null && delegate.isEstablished();
  }

  @Override
  public String peerName() {
    return established().peerName();
  }

  @Override
  public SealedMessage seal(byte[] plaintext) {
    return established().seal(plaintext);
  }

  @Override
  public byte[] unseal(SealedMessage message) {
    if (!isEstablished()) {
      throw new SecurityContextException(
          Reason.STATE, closed ? "the context is closed" : "not established");
    }
    return delegate.unseal(message);
  }

  private SecurityContext established() {
    if (!isEstablished()) {
      throw new IllegalStateException(closed ? "the context is closed" : "not established");
    }
    return delegate;
  }

  @Override
  public void close() {
    closed = true;
    if (delegate != null) {
      delegate.close();
    }
  }
}
