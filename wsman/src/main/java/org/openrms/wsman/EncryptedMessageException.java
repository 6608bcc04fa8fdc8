package org.openrms.wsman;

/**
 * An MS-WSMV 2.2.9.1 encrypted message could not be decoded: a wrong content type or protocol, a
 * malformed MIME frame, a length out of bounds, or a plaintext whose length differs from the
 * announced {@code OriginalContent} length. The message names the problem, never the content.
 */
public final class EncryptedMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public EncryptedMessageException(String message) {
    super(message);
  }
}
