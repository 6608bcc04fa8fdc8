package org.openrms.wsman.server.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The user name and password of an {@code Authorization: Basic} header (RFC 7617, UTF-8). {@link
 * #close()} zeroes the password.
 */
public final class BasicCredentials implements AutoCloseable {
  private final String user;
  private final char[] password;

  private BasicCredentials(String user, char[] password) {
    this.user = user;
    this.password = password;
  }

  /** The user name (not empty, no colon). */
  public String user() {
    return user;
  }

  /** The password; the live array, zeroed by {@link #close()}. */
  public char[] password() {
    return password;
  }

  /** Whether {@code authorization} uses the Basic scheme (any case). */
  public static boolean isBasic(String authorization) {
    return authorization != null
        && authorization.length() >= 6
        && authorization.regionMatches(true, 0, "Basic ", 0, 6);
  }

  /** The credentials of a Basic header; empty when it is missing or malformed. */
  public static Optional<BasicCredentials> parse(String authorization) {
    if (!isBasic(authorization)) {
      return Optional.empty();
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(authorization.substring(6).strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    try {
      int colon = -1;
      for (int i = 0; i < decoded.length; i++) {
        if (decoded[i] == ':') {
          colon = i;
          break;
        }
      }
      if (colon <= 0) {
        return Optional.empty();
      }
      char[] user = utf8(decoded, 0, colon);
      char[] password = utf8(decoded, colon + 1, decoded.length - colon - 1);
      if (user == null || password == null) {
        return Optional.empty();
      }
      return Optional.of(new BasicCredentials(new String(user), password));
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
  }

  private static char[] utf8(byte[] bytes, int off, int len) {
    try {
      CharBuffer cb =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, off, len));
      char[] out = Arrays.copyOfRange(cb.array(), cb.position(), cb.limit());
      Arrays.fill(cb.array(), '\0');
      return out;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Override
  public void close() {
    Arrays.fill(password, '\0');
  }
}
