package org.openrms.auth.internal.kerberos;

import java.security.SecureRandom;
import java.util.Arrays;
import org.openrms.auth.SealedMessage;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;

/**
 * RFC 4121 wrap tokens with confidentiality for aes*-cts-hmac-sha1-96, in the layout Windows uses
 * for WinRM message encryption (MS-KILE 3.4.5.4.1, what SSPI EncryptMessage and MIT gss_wrap_iov
 * with a HEADER buffer produce):
 *
 * <pre>
 * E      = AES-CTS(Ke, conf[16] | P[n] | H0[16]) | HMAC-SHA1-96(Ki, conf | P | H0)   (n + 44 bytes)
 * H0     = 05 04 flags FF | EC=0000 | RRC=0000 | SND_SEQ[8]
 * token  = H28 | rotate-right(E, 28)            H28 = H0 with RRC = 001C
 * header = H28 | E[n+16 .. n+44] | E[0 .. 16]   (60 bytes: what MS-WSMV puts after the length)
 * data   = E[16 .. n+16]                        (n bytes, "encrypted in place")
 * </pre>
 *
 * <p>Unsealing joins header and data into the token, so any split and any RRC are accepted,
 * including the JDK's own {@code GSSContext.wrap} output (RRC = 0, header first). A non-zero EC is
 * honoured; when the checksum fails under rotation RRC it is retried under RRC + EC, the rotation
 * Windows applies (MIT notes "Windows rotates by EC + RRC").
 *
 * <p>Sequence numbers: ours start at the value the JGSS context would have used; the peer's first
 * message fixes its base and every later one must follow it exactly.
 */
public final class WrapCodec implements AutoCloseable {
  /** Wrap token header length. */
  public static final int HEADER = 16;

  /** The RRC Windows sets on sealed tokens with AES. */
  public static final int RRC = 28;

  static final int SENT_BY_ACCEPTOR = 0x01;
  static final int SEALED = 0x02;
  static final int ACCEPTOR_SUBKEY = 0x04;
  static final int ACCEPTOR_SEAL = 22;
  static final int INITIATOR_SEAL = 24;
  private static final int KE = 0xaa;
  private static final int KI = 0x55;

  private final boolean acceptor;
  private final boolean acceptorSubkey;
  private final byte[] sendKe;
  private final byte[] sendKi;
  private final byte[] recvKe;
  private final byte[] recvKi;
  private final SecureRandom random = new SecureRandom();
  private long sendSeq;
  private long recvSeq = -1;
  private boolean closed;

  /**
   * A codec for one side of a context.
   *
   * @param key the context key (the acceptor subkey, else the initiator subkey, else the ticket
   *     session key); copied
   * @param etype 17 or 18
   * @param acceptor whether this side is the acceptor
   * @param acceptorSubkey whether {@code key} is the acceptor's subkey (flag 0x04)
   * @param firstSendSeq our first sequence number
   */
  public WrapCodec(
      byte[] key, int etype, boolean acceptor, boolean acceptorSubkey, long firstSendSeq) {
    if (!AesSha1.supports(etype) || key.length != (etype == AesSha1.AES128 ? 16 : 32)) {
      throw new IllegalArgumentException("not an aes*-cts-hmac-sha1-96 key");
    }
    this.acceptor = acceptor;
    this.acceptorSubkey = acceptorSubkey;
    int send = acceptor ? ACCEPTOR_SEAL : INITIATOR_SEAL;
    int recv = acceptor ? INITIATOR_SEAL : ACCEPTOR_SEAL;
    this.sendKe = AesSha1.derive(key, send, KE);
    this.sendKi = AesSha1.derive(key, send, KI);
    this.recvKe = AesSha1.derive(key, recv, KE);
    this.recvKi = AesSha1.derive(key, recv, KI);
    this.sendSeq = firstSendSeq;
  }

  /** Seals {@code plaintext} with a random confounder. */
  public SealedMessage seal(byte[] plaintext) {
    byte[] confounder = new byte[AesSha1.BLOCK];
    random.nextBytes(confounder);
    return seal(plaintext, confounder);
  }

  /** Seals with a given confounder (known-answer tests). */
  SealedMessage seal(byte[] plaintext, byte[] confounder) {
    checkOpen();
    int n = plaintext.length;
    byte[] h0 = header(sendFlags(), 0, 0, sendSeq);
    byte[] p = new byte[n + HEADER];
    System.arraycopy(plaintext, 0, p, 0, n);
    System.arraycopy(h0, 0, p, n, HEADER);
    byte[] e = AesSha1.encrypt(sendKe, sendKi, confounder, p);
    Arrays.fill(p, (byte) 0);
    byte[] header = new byte[HEADER + RRC + AesSha1.BLOCK];
    System.arraycopy(header(sendFlags(), 0, RRC, sendSeq), 0, header, 0, HEADER);
    System.arraycopy(e, n + AesSha1.BLOCK, header, HEADER, RRC);
    System.arraycopy(e, 0, header, HEADER + RRC, AesSha1.BLOCK);
    byte[] data = Arrays.copyOfRange(e, AesSha1.BLOCK, AesSha1.BLOCK + n);
    sendSeq++;
    return new SealedMessage(header, data);
  }

  /**
   * Verifies and decrypts a wrap token given as MS-WSMV's header and data (or any split of it).
   *
   * @throws SecurityContextException MALFORMED, REFUSED (not sealed), TAMPERED (checksum, header
   *     copy, direction, missing message) or REPLAYED (an old sequence number)
   */
  public byte[] unseal(byte[] header, byte[] data) {
    checkOpen();
    byte[] token = new byte[header.length + data.length];
    System.arraycopy(header, 0, token, 0, header.length);
    System.arraycopy(data, 0, token, header.length, data.length);
    if (token.length < HEADER
        || token[0] != 0x05
        || token[1] != 0x04
        || (token[3] & 0xff) != 0xff) {
      throw new SecurityContextException(Reason.MALFORMED, "not an RFC 4121 wrap token");
    }
    int flags = token[2] & 0xff;
    int ec = ((token[4] & 0xff) << 8) | (token[5] & 0xff);
    int rrc = ((token[6] & 0xff) << 8) | (token[7] & 0xff);
    long seq = 0;
    for (int i = 8; i < HEADER; i++) {
      seq = (seq << 8) | (token[i] & 0xff);
    }
    if ((flags & SEALED) == 0) {
      throw new SecurityContextException(Reason.REFUSED, "the message is not encrypted");
    }
    if (((flags & SENT_BY_ACCEPTOR) != 0) == acceptor) {
      throw new SecurityContextException(Reason.TAMPERED, "the message was sent by this side");
    }
    if (((flags & ACCEPTOR_SUBKEY) != 0) != acceptorSubkey) {
      throw new SecurityContextException(Reason.TAMPERED, "the message uses another key");
    }
    byte[] body = Arrays.copyOfRange(token, HEADER, token.length);
    if (body.length < 2 * AesSha1.BLOCK + AesSha1.MAC + ec) {
      throw new SecurityContextException(Reason.MALFORMED, "wrap token too short");
    }
    byte[] plain;
    try {
      plain = AesSha1.decrypt(recvKe, recvKi, rotateLeft(body, rrc));
    } catch (SecurityContextException e) {
      if (ec == 0 || e.reason() != Reason.TAMPERED) {
        throw e;
      }
      plain = AesSha1.decrypt(recvKe, recvKi, rotateLeft(body, rrc + ec));
    }
    int n = plain.length - ec - HEADER;
    byte[] expected = header(flags, ec, 0, seq);
    boolean copyOk = n >= 0 && Arrays.equals(plain, n + ec, plain.length, expected, 0, HEADER);
    if (!copyOk) {
      Arrays.fill(plain, (byte) 0);
      throw new SecurityContextException(Reason.TAMPERED, "the encrypted header does not match");
    }
    checkSequence(seq);
    byte[] out = Arrays.copyOf(plain, n);
    Arrays.fill(plain, (byte) 0);
    return out;
  }

  private void checkSequence(long seq) {
    if (recvSeq >= 0 && Long.compareUnsigned(seq, recvSeq) < 0) {
      throw new SecurityContextException(Reason.REPLAYED, "a message was replayed");
    }
    if (recvSeq >= 0 && seq != recvSeq) {
      throw new SecurityContextException(Reason.TAMPERED, "a message is missing");
    }
    recvSeq = seq + 1;
  }

  private int sendFlags() {
    return SEALED | (acceptor ? SENT_BY_ACCEPTOR : 0) | (acceptorSubkey ? ACCEPTOR_SUBKEY : 0);
  }

  static byte[] header(int flags, int ec, int rrc, long seq) {
    byte[] h = new byte[HEADER];
    h[0] = 0x05;
    h[1] = 0x04;
    h[2] = (byte) flags;
    h[3] = (byte) 0xff;
    h[4] = (byte) (ec >>> 8);
    h[5] = (byte) ec;
    h[6] = (byte) (rrc >>> 8);
    h[7] = (byte) rrc;
    for (int i = 0; i < 8; i++) {
      h[15 - i] = (byte) (seq >>> (8 * i));
    }
    return h;
  }

  /** Undoes a right rotation by {@code count} (taken modulo the length). */
  static byte[] rotateLeft(byte[] b, int count) {
    int r = count % b.length;
    byte[] out = new byte[b.length];
    System.arraycopy(b, r, out, 0, b.length - r);
    System.arraycopy(b, 0, out, b.length - r, r);
    return out;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the context is closed");
    }
  }

  /** Zeroes the derived keys; idempotent. */
  @Override
  public void close() {
    closed = true;
    Arrays.fill(sendKe, (byte) 0);
    Arrays.fill(sendKi, (byte) 0);
    Arrays.fill(recvKe, (byte) 0);
    Arrays.fill(recvKi, (byte) 0);
  }
}
