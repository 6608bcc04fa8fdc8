package org.openrms.auth;

/**
 * One side (initiator or acceptor) of a connection-oriented authentication exchange — NTLM,
 * Kerberos, or SPNEGO over either — and, once established, the session security it provides:
 * sealing (encrypt + integrity) of messages in the layout MS-WSMV HTTP message encryption carries.
 *
 * <p>Use: call {@link #step(byte[])} with the peer's last token ({@code null} for the first call of
 * an initiator) and send back what it returns until {@link #isEstablished()}. Then {@link
 * #seal(byte[])} outgoing and {@link #unseal(SealedMessage)} incoming messages, in order: sequence
 * numbers make each message valid exactly once. {@link #close()} zeroes the session keys and is
 * idempotent; a closed context refuses every call.
 *
 * <p>Not thread-safe: one HTTP connection owns one context.
 */
public interface SecurityContext extends AutoCloseable {

  /** The mechanism actually negotiated. */
  Mechanism mechanism();

  /**
   * Consumes the peer's token and returns the next token to send, or {@code null} when there is
   * nothing more to send.
   *
   * @param peerToken the token from the peer; {@code null} only for an initiator's first call
   * @throws SecurityContextException if the token is malformed, the credentials are wrong, a
   *     message is replayed, or the context is closed
   */
  byte[] step(byte[] peerToken);

  /** Whether authentication completed (both sides agree on the session keys). */
  boolean isEstablished();

  /**
   * The authenticated peer: for an acceptor the client's account name ({@code user} for a local
   * account, {@code user@REALM} for Kerberos), for an initiator the service name.
   *
   * @throws IllegalStateException before the context is established
   */
  String peerName();

  /**
   * Seals one message: encrypts it and computes its signature (NTLM) or wrap token header
   * (Kerberos, RFC 4121, in the layout Windows uses for WinRM).
   *
   * @throws IllegalStateException before the context is established or after close
   */
  SealedMessage seal(byte[] plaintext);

  /**
   * Verifies and decrypts one sealed message from the peer.
   *
   * @throws SecurityContextException if the signature does not verify (tampered, replayed or out of
   *     order)
   */
  byte[] unseal(SealedMessage message);

  /** Zeroes the session keys; idempotent. */
  @Override
  void close();
}
