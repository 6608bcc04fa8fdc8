package org.openrms.auth.internal.kerberos;

import com.sun.security.jgss.ExtendedGSSContext;
import com.sun.security.jgss.InquireType;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Arrays;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.EncryptionKey;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;
import org.openrms.auth.Mechanism;
import org.openrms.auth.SealedMessage;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;

/**
 * A Kerberos {@link SecurityContext} over a JDK JGSS krb5 context. JGSS does the AP-REQ/AP-REP
 * exchange (mutual authentication, the acceptor's replay cache); once established, the context key
 * is taken out with {@code inquireSecContext(KRB5_GET_SESSION_KEY_EX)} and {@link WrapCodec} seals
 * in the Windows layout. For enctypes other than aes*-cts-hmac-sha1-96 the JGSS context stays and
 * its own wrap tokens are rotated into the same layout.
 */
public final class JgssContext implements SecurityContext {
  private final Subject subject;
  private final boolean initiator;
  private GSSContext gss;
  private WrapCodec codec;
  private String peer;
  private boolean firstCall = true;
  private boolean failed;
  private boolean closed;

  /** Wraps a fresh JGSS context; {@code subject} holds the credentials it was created with. */
  public JgssContext(Subject subject, GSSContext gss, boolean initiator) {
    this.subject = subject;
    this.gss = gss;
    this.initiator = initiator;
  }

  @Override
  public Mechanism mechanism() {
    return Mechanism.KERBEROS;
  }

  @Override
  public byte[] step(byte[] peerToken) {
    if (closed || failed) {
      throw new SecurityContextException(
          Reason.STATE, closed ? "the Kerberos context is closed" : "the Kerberos exchange failed");
    }
    if (peer != null) {
      throw new SecurityContextException(Reason.STATE, "the Kerberos context is established");
    }
    if ((peerToken == null) != (initiator && firstCall)) {
      throw new SecurityContextException(
          Reason.STATE,
          peerToken == null ? "the peer's token is missing" : "the initiator speaks first");
    }
    firstCall = false;
    byte[] in = peerToken == null ? new byte[0] : peerToken;
    try {
      byte[] out =
          as(
              subject,
              () ->
                  initiator
                      ? gss.initSecContext(in, 0, in.length)
                      : gss.acceptSecContext(in, 0, in.length));
      if (gss.isEstablished()) {
        finish();
      }
      return out == null || out.length == 0 ? null : out;
    } catch (GSSException e) {
      failed = true;
      throw KrbFailures.of(e, initiator ? "Kerberos initiator" : "Kerberos acceptor");
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  private void finish() throws GSSException {
    if (initiator && !gss.getMutualAuthState()) {
      throw new SecurityContextException(Reason.REFUSED, "the acceptor did not authenticate");
    }
    if (!gss.getConfState() || !gss.getIntegState()) {
      throw new SecurityContextException(Reason.REFUSED, "no confidentiality or integrity");
    }
    String name = (initiator ? gss.getTargName() : gss.getSrcName()).toString();
    EncryptionKey key =
        (EncryptionKey)
            ((ExtendedGSSContext) gss).inquireSecContext(InquireType.KRB5_GET_SESSION_KEY_EX);
    try {
      if (AesSha1.supports(key.getKeyType())) {
        // JGSS's own next wrap token tells the flags (acceptor subkey) and our first SND_SEQ.
        byte[] probe = gss.wrap(new byte[0], 0, 0, new MessageProp(0, true));
        long seq = 0;
        for (int i = 8; i < WrapCodec.HEADER; i++) {
          seq = (seq << 8) | (probe[i] & 0xff);
        }
        boolean subkey = (probe[2] & WrapCodec.ACCEPTOR_SUBKEY) != 0;
        byte[] raw = key.getEncoded();
        try {
          codec = new WrapCodec(raw, key.getKeyType(), !initiator, subkey, seq);
        } finally {
          Arrays.fill(raw, (byte) 0);
        }
        gss.dispose();
        gss = null;
      }
    } finally {
      destroy(key);
    }
    peer = name;
  }

  @Override
  public boolean isEstablished() {
    return peer != null && !closed;
  }

  @Override
  public String peerName() {
    if (peer == null) {
      throw new IllegalStateException("the Kerberos context is not established");
    }
    return peer;
  }

  @Override
  public SealedMessage seal(byte[] plaintext) {
    if (closed || peer == null) {
      throw new IllegalStateException(
          closed ? "the Kerberos context is closed" : "the Kerberos context is not established");
    }
    if (codec != null) {
      return codec.seal(plaintext);
    }
    try {
      byte[] token = gss.wrap(plaintext, 0, plaintext.length, new MessageProp(0, true));
      return windowsLayout(token, plaintext.length);
    } catch (GSSException e) {
      throw KrbFailures.of(e, "Kerberos seal");
    }
  }

  @Override
  public byte[] unseal(SealedMessage message) {
    if (closed || peer == null) {
      throw new SecurityContextException(
          Reason.STATE,
          closed ? "the Kerberos context is closed" : "the Kerberos context is not established");
    }
    if (codec != null) {
      return codec.unseal(message.header(), message.data());
    }
    byte[] token = new byte[message.header().length + message.data().length];
    System.arraycopy(message.header(), 0, token, 0, message.header().length);
    System.arraycopy(message.data(), 0, token, message.header().length, message.data().length);
    try {
      MessageProp prop = new MessageProp(0, true);
      byte[] out = gss.unwrap(token, 0, token.length, prop);
      if (!prop.getPrivacy()) {
        throw new SecurityContextException(Reason.REFUSED, "the message is not encrypted");
      }
      if (prop.isDuplicateToken() || prop.isOldToken()) {
        throw new SecurityContextException(Reason.REPLAYED, "a message was replayed");
      }
      if (prop.isGapToken() || prop.isUnseqToken()) {
        throw new SecurityContextException(Reason.TAMPERED, "a message is missing");
      }
      return out;
    } catch (GSSException e) {
      throw KrbFailures.of(e, "Kerberos unseal");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (codec != null) {
      codec.close();
    }
    if (gss != null) {
      try {
        gss.dispose();
      } catch (GSSException e) {
        // nothing more to release
      }
    }
  }

  /**
   * Rotates a JGSS wrap token (RRC = 0, header first) into the Windows layout: RRC = the trailer
   * length (EC filler, encrypted header copy, checksum), the header part being the token header,
   * the rotated trailer and the confounder.
   */
  static SealedMessage windowsLayout(byte[] token, int plaintextLength) {
    int ec = ((token[4] & 0xff) << 8) | (token[5] & 0xff);
    int body = token.length - WrapCodec.HEADER;
    int trailer = body - AesSha1.BLOCK - plaintextLength;
    if (ec != 0 || trailer <= 0) {
      return new SealedMessage(token, new byte[0]);
    }
    byte[] rotated = new byte[token.length];
    System.arraycopy(token, 0, rotated, 0, WrapCodec.HEADER);
    rotated[6] = (byte) (trailer >>> 8);
    rotated[7] = (byte) trailer;
    System.arraycopy(token, token.length - trailer, rotated, WrapCodec.HEADER, trailer);
    System.arraycopy(token, WrapCodec.HEADER, rotated, WrapCodec.HEADER + trailer, body - trailer);
    int split = WrapCodec.HEADER + trailer + AesSha1.BLOCK;
    return new SealedMessage(
        Arrays.copyOf(rotated, split), Arrays.copyOfRange(rotated, split, rotated.length));
  }

  /** Runs {@code action} as {@code subject}, unwrapping a GSSException. */
  public static <T> T as(Subject subject, PrivilegedExceptionAction<T> action) throws GSSException {
    try {
      return Subject.doAs(subject, action);
    } catch (PrivilegedActionException e) {
      if (e.getException() instanceof GSSException g) {
        throw g;
      }
      throw new IllegalStateException(e.getException());
    }
  }

  private static void destroy(EncryptionKey key) {
    try {
      key.destroy();
    } catch (DestroyFailedException e) {
      // the key object keeps its bytes until collected
    }
  }
}
