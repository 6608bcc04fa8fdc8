package org.openrms.auth;

import java.util.Objects;

/**
 * A sealed message as MS-WSMV 2.2.9.1 frames it: a header (the 16-byte NTLM signature, or the RFC
 * 4121 wrap token header Windows places before the data) and the encrypted data. On the wire the
 * part is {@code uint32 little-endian header length | header | data}.
 *
 * @param header the signature or wrap token header
 * @param data the encrypted message
 */
public record SealedMessage(byte[] header, byte[] data) {
  /** Checks for nulls. */
  public SealedMessage {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(data, "data");
  }
}
