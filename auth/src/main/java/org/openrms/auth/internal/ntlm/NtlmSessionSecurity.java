package org.openrms.auth.internal.ntlm;

import java.security.MessageDigest;
import java.util.Arrays;
import org.openrms.auth.SealedMessage;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;

/**
 * Connection-oriented NTLM session security with extended session security (MS-NLMP 3.4.3,
 * 3.4.4.2): one RC4 handle, signing key and sequence number per direction, derived from the
 * exported session key. {@link #seal} encrypts a message and signs it; {@link #unseal} decrypts and
 * verifies. A message that fails to verify (tampered, replayed or out of order) is rejected with
 * {@link Reason#TAMPERED} and leaves the incoming state as it was, so the message that was actually
 * expected can still be unsealed. Not thread-safe.
 */
final class NtlmSessionSecurity {
  private final byte[] outSignKey;
  private final byte[] inSignKey;
  private final Rc4 outSeal;
  private final Rc4 inSeal;
  private final boolean keyExch;
  private int outSeq;
  private int inSeq;

  /**
   * Derives the four keys.
   *
   * @param exportedSessionKey the exported session key (not kept; the caller zeroes it)
   * @param client true on the initiator's side (outgoing = client-to-server)
   * @param keyExch whether NEGOTIATE_KEY_EXCH was negotiated (the checksum is then RC4-encrypted)
   */
  NtlmSessionSecurity(byte[] exportedSessionKey, boolean client, boolean keyExch) {
    this.keyExch = keyExch;
    outSignKey = NtlmCrypto.signKey(exportedSessionKey, client);
    inSignKey = NtlmCrypto.signKey(exportedSessionKey, !client);
    byte[] outKey = NtlmCrypto.sealKey(exportedSessionKey, client);
    byte[] inKey = NtlmCrypto.sealKey(exportedSessionKey, !client);
    outSeal = new Rc4(outKey);
    inSeal = new Rc4(inKey);
    Arrays.fill(outKey, (byte) 0);
    Arrays.fill(inKey, (byte) 0);
  }

  SealedMessage seal(byte[] plaintext) {
    byte[] sealed = outSeal.apply(plaintext);
    byte[] signature = signature(outSignKey, outSeal, outSeq, plaintext);
    outSeq++;
    return new SealedMessage(signature, sealed);
  }

  byte[] unseal(SealedMessage message) {
    byte[] header = message.header();
    if (header.length != 16) {
      throw new SecurityContextException(
          Reason.MALFORMED, "an NTLM signature must be 16 bytes, got " + header.length);
    }
    Rc4 saved = inSeal.copy();
    byte[] plaintext = inSeal.apply(message.data());
    byte[] expected = signature(inSignKey, inSeal, inSeq, plaintext);
    if (!MessageDigest.isEqual(expected, header)) {
      inSeal.restore(saved);
      saved.zero();
      Arrays.fill(plaintext, (byte) 0);
      throw new SecurityContextException(
          Reason.TAMPERED,
          "NTLM message signature does not verify (tampered, replayed or out of order)");
    }
    saved.zero();
    inSeq++;
    return plaintext;
  }

  /** NTLMSSP_MESSAGE_SIGNATURE with ESS: version 1, checksum, sequence number. */
  private byte[] signature(byte[] signKey, Rc4 handle, int seq, byte[] plaintext) {
    byte[] seqBytes = AvPairs.u32(seq);
    byte[] mac = NtlmCrypto.hmacMd5(signKey, seqBytes, plaintext);
    byte[] checksum = Arrays.copyOf(mac, 8);
    if (keyExch) {
      checksum = handle.apply(checksum);
    }
    byte[] sig = new byte[16];
    sig[0] = 1;
    System.arraycopy(checksum, 0, sig, 4, 8);
    System.arraycopy(seqBytes, 0, sig, 12, 4);
    Arrays.fill(mac, (byte) 0);
    return sig;
  }

  void close() {
    Arrays.fill(outSignKey, (byte) 0);
    Arrays.fill(inSignKey, (byte) 0);
    outSeal.zero();
    inSeal.zero();
  }

  /** Whether every key and RC4 state is zero; for tests. */
  boolean isZeroed() {
    byte[] zero = new byte[16];
    return Arrays.equals(outSignKey, zero)
        && Arrays.equals(inSignKey, zero)
        && outSeal.isZeroed()
        && inSeal.isZeroed();
  }
}
