package org.openrms.rms.server.internal.http;

import java.util.Optional;
import org.openrms.auth.BasicCredentials;
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
    try (BasicCredentials credentials = parse(authorization)) {
      Optional<UserRecord> user =
          directory.authenticate(credentials.login(), credentials.password());
      if (user.isEmpty()) {
        throw failed();
      }
      return user.get();
    }
  }

  /**
   * Authenticates a request, records the login in the audit attempt, and refuses a disabled
   * account: what every authenticated endpoint does first.
   *
   * @throws ApiException as {@link #authenticate}, or 403 {@code REQUEST_DENIED} for a disabled
   *     account (after its login was recorded)
   */
  public UserRecord authenticateEnabled(String authorization, boolean secure, Attempt attempt) {
    UserRecord user = authenticate(authorization, secure);
    attempt.login(user.login());
    if (!user.enabled()) {
      throw new ApiException(RmsErrorCode.REQUEST_DENIED, "the account is disabled");
    }
    return user;
  }

  /**
   * Parses an {@code Authorization} header of the Basic scheme with the shared codec ({@link
   * BasicCredentials#parse(String)}: scheme in any case, base64 of UTF-8 {@code login:password},
   * non-empty login before the first colon).
   *
   * @param authorization the header value, or {@code null}
   * @return the credentials; the caller closes them to zero the password
   * @throws ApiException 401 {@code AUTHENTICATION_FAILED} for a missing or malformed header
   */
  public static BasicCredentials parse(String authorization) {
    return BasicCredentials.parse(authorization).orElseThrow(BasicAuthenticator::failed);
  }

  private static ApiException failed() {
    return new ApiException(RmsErrorCode.AUTHENTICATION_FAILED, "authentication failed");
  }
}
