package org.openrms.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The login and password of an HTTP {@code Authorization: Basic} header (RFC 7617, UTF-8), and the
 * codec between the two: {@link #parse(String)} for servers, {@link #encode(String, char[])} for
 * clients.
 *
 * <p>Parsing is strict: the scheme name in any case followed by a space, then standard base64
 * (surrounding whitespace ignored) of {@code login:password}; the login is what comes before the
 * first colon and must not be empty; login and password must both be well-formed UTF-8. Anything
 * else is rejected. The password is decoded straight into a {@code char[]} and every intermediate
 * buffer is zeroed; {@link #close()} zeroes the password. The login is not treated as secret.
 */
public final class BasicCredentials implements AutoCloseable {
  /** The scheme name, as sent by {@link #encode(String, char[])}. */
  public static final String SCHEME = "Basic";

  private static final String PREFIX = SCHEME + " ";

  private final String login;
  private final char[] password;

  private BasicCredentials(String login, char[] password) {
    this.login = login;
    this.password = password;
  }

  /** The login: not empty, without a colon. */
  public String login() {
    return login;
  }

  /** The password: the live array, zeroed by {@link #close()}. */
  public char[] password() {
    return password;
  }

  /** Zeroes the password. */
  @Override
  public void close() {
    Arrays.fill(password, '\0');
  }

  /**
   * Whether {@code authorization} names the Basic scheme (in any case, followed by a space); says
   * nothing about whether the rest is well formed.
   *
   * @param authorization an {@code Authorization} header value, or {@code null}
   * @return true if it starts with {@code "Basic "} in any case
   */
  public static boolean isBasic(String authorization) {
    return authorization != null
        && authorization.length() >= PREFIX.length()
        && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  /**
   * Parses an {@code Authorization} header value of the Basic scheme.
   *
   * @param authorization the header value, or {@code null}
   * @return the credentials (the caller closes them), or empty when the header is missing, of
   *     another scheme, not base64, without a colon, with an empty login, or not UTF-8
   */
  public static Optional<BasicCredentials> parse(String authorization) {
    if (!isBasic(authorization)) {
      return Optional.empty();
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(authorization.substring(PREFIX.length()).strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    try {
      int colon = indexOf(decoded, (byte) ':');
      if (colon <= 0) {
        return Optional.empty();
      }
      char[] login = decodeUtf8(decoded, 0, colon);
      if (login == null) {
        return Optional.empty();
      }
      char[] password = decodeUtf8(decoded, colon + 1, decoded.length - colon - 1);
      if (password == null) {
        return Optional.empty();
      }
      return Optional.of(new BasicCredentials(new String(login), password));
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
  }

  /**
   * Encodes a login and password as an {@code Authorization} header value: {@code "Basic "} and the
   * base64 of the UTF-8 {@code login:password}. The caller still owns (and zeroes) {@code
   * password}; every intermediate buffer is zeroed, but the returned string necessarily carries the
   * password in base64.
   *
   * @param login the login: not empty, without a colon
   * @param password the password (may be empty)
   * @return the header value, which {@link #parse(String)} reads back
   * @throws IllegalArgumentException if the login is empty or has a colon, or either is not
   *     well-formed UTF-16 (an unpaired surrogate)
   * @throws NullPointerException if an argument is {@code null}
   */
  public static String encode(String login, char[] password) {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(password, "password");
    if (login.isEmpty() || login.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a Basic login must be non-empty and without a colon");
    }
    char[] joined = new char[login.length() + 1 + password.length];
    login.getChars(0, login.length(), joined, 0);
    joined[login.length()] = ':';
    System.arraycopy(password, 0, joined, login.length() + 1, password.length);
    ByteBuffer bytes = null;
    byte[] raw = null;
    try {
      CharsetEncoder encoder =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      bytes = encoder.encode(CharBuffer.wrap(joined));
      raw = Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.limit());
      return PREFIX + Base64.getEncoder().encodeToString(raw);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("a Basic login or password is not well-formed UTF-16");
    } finally {
      Arrays.fill(joined, '\0');
      if (bytes != null) {
        Arrays.fill(bytes.array(), (byte) 0);
      }
      if (raw != null) {
        Arrays.fill(raw, (byte) 0);
      }
    }
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "BasicCredentials[" + login + "]";
  }

  private static int indexOf(byte[] a, byte b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Strict UTF-8 into a fresh array, zeroing the decoder's buffer; null if not UTF-8. */
  private static char[] decodeUtf8(byte[] bytes, int off, int len) {
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
}
