package org.openrms.rms.server.internal.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.openrms.core.wire.RmsErrorCode;
import org.openrms.rms.server.UserDirectory;
import org.openrms.rms.server.UserRecord;

/**
 * HTTP Basic authentication against the built-in directory. Missing, malformed and wrong
 * credentials look the same (401); Basic over plain HTTP is 403 unless allowed. Passwords are
 * decoded into char arrays and zeroed after use. Login and password must both be valid UTF-8.
 */
public final class BasicAuthenticator {
  /** The challenge sent with every 401. */
  public static final String CHALLENGE = "Basic realm=\"OpenRMS\"";

  private final UserDirectory directory;
  private final boolean allowOverHttp;

  /** An authenticator over this directory. */
  public BasicAuthenticator(UserDirectory directory, boolean allowOverHttp) {
    this.directory = directory;
    this.allowOverHttp = allowOverHttp;
  }

  /**
   * Authenticates a request.
   *
   * @param authorization the {@code Authorization} header, or {@code null}
   * @param secure whether the request came over TLS
   * @return the account whose password matched, enabled or not (the caller checks, so that the
   *     audit log names the login of a disabled account)
   * @throws ApiException 401 {@code AUTHENTICATION_FAILED}, or 403 {@code REQUEST_DENIED} for plain
   *     HTTP
   */
  public UserRecord authenticate(String authorization, boolean secure) {
    if (!secure && !allowOverHttp) {
      throw new ApiException(
          RmsErrorCode.REQUEST_DENIED, "Basic authentication over plain HTTP is refused");
    }
    try (Credentials credentials = parse(authorization)) {
      Optional<UserRecord> user =
          directory.authenticate(credentials.login(), credentials.password());
      if (user.isEmpty()) {
        throw failed();
      }
      return user.get();
    }
  }

  /**
   * The login and password of a Basic header. {@link #close()} zeroes the password; the login is
   * not secret.
   */
  public static final class Credentials implements AutoCloseable {
    private final String login;
    private final char[] password;

    private Credentials(String login, char[] password) {
      this.login = login;
      this.password = password;
    }

    /** The login: not empty, without a colon. */
    public String login() {
      return login;
    }

    /** The password (the live array, zeroed by {@link #close()}). */
    public char[] password() {
      return password;
    }

    @Override
    public void close() {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Parses an {@code Authorization} header of the Basic scheme (RFC 7617): the scheme name in any
   * case, a space, then base64 of the UTF-8 {@code login:password}. The login is what comes before
   * the first colon and must not be empty.
   *
   * @param authorization the header value, or {@code null}
   * @throws ApiException 401 {@code AUTHENTICATION_FAILED} for a missing or malformed header
   */
  public static Credentials parse(String authorization) {
    if (authorization == null
        || authorization.length() < 6
        || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw failed();
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(authorization.substring(6).strip());
    } catch (IllegalArgumentException e) {
      throw failed();
    }
    try {
      int colon = indexOf(decoded, (byte) ':');
      if (colon <= 0) {
        throw failed();
      }
      String login = new String(decodeUtf8(decoded, 0, colon));
      return new Credentials(login, decodeUtf8(decoded, colon + 1, decoded.length - colon - 1));
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
  }

  private static ApiException failed() {
    return new ApiException(RmsErrorCode.AUTHENTICATION_FAILED, "authentication failed");
  }

  private static int indexOf(byte[] a, byte b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

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
      throw failed();
    }
  }
}
