package org.openrms.auth.internal.spnego;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openrms.auth.Mechanism;
import org.openrms.auth.SealedMessage;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.Spnego;

/**
 * A test-only mechanism: it answers each token with "reply-N" (the last one only if {@code
 * lastReplies}) and is established after {@code legs} tokens; seal is the identity, the MIC is
 * "mic:" + data. Only for codec and dispatch tests — the real NTLM and Kerberos combinations are
 * tested with the real contexts.
 */
final class FakeContext implements SecurityContext, Spnego.MechListMic {
  final Mechanism mechanism;
  final int legs;
  final boolean lastReplies;
  final List<String> received = new ArrayList<>();
  byte[] verifiedMicData;
  boolean closed;

  FakeContext(Mechanism mechanism, int legs, boolean lastReplies) {
    this.mechanism = mechanism;
    this.legs = legs;
    this.lastReplies = lastReplies;
  }

  @Override
  public Mechanism mechanism() {
    return mechanism;
  }

  @Override
  public byte[] step(byte[] peerToken) {
    received.add(peerToken == null ? null : new String(peerToken, StandardCharsets.ISO_8859_1));
    if (received.size() > legs) {
      throw new SecurityContextException(SecurityContextException.Reason.STATE, "too many");
    }
    return received.size() == legs && !lastReplies ? null : bytes("reply-" + received.size());
  }

  @Override
  public boolean isEstablished() {
    return received.size() >= legs;
  }

  @Override
  public String peerName() {
    return "peer";
  }

  @Override
  public SealedMessage seal(byte[] plaintext) {
    return new SealedMessage(new byte[0], plaintext.clone());
  }

  @Override
  public byte[] unseal(SealedMessage message) {
    return message.data().clone();
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public byte[] mic(byte[] data) {
    byte[] p = bytes("mic:");
    byte[] out = Arrays.copyOf(p, p.length + data.length);
    System.arraycopy(data, 0, out, p.length, data.length);
    return out;
  }

  @Override
  public void verifyMic(byte[] data, byte[] mic) {
    if (!Arrays.equals(mic(data), mic)) {
      throw new SecurityContextException(SecurityContextException.Reason.TAMPERED, "bad MIC");
    }
    verifiedMicData = data.clone();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
