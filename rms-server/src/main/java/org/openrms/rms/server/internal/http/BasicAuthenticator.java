package org.openrms.rms.server.internal.http;

import java.util.Optional;
import org.openrms.auth.BasicCredentials;
import org.openrms.core.wire.RmsErrorCode;
import org.openrms.rms.server.DirectoryEntry;
import org.openrms.rms.server.IdentityDirectory;

/**
 * HTTP Basic authentication against the server's {@link IdentityDirectory} (built-in hashes or an
 * LDAP bind). Missing, malformed and wrong credentials look the same (401); Basic over plain HTTP
 * is 403 unless allowed. Passwords are decoded into char arrays and zeroed after use. Login and
 * password must both be valid UTF-8.
 */
public final class BasicAuthenticator implements Authenticator {
  /** The challenge sent with every 401. */
  public static final String CHALLENGE = "Basic realm=\"OpenRMS\"";

  private final IdentityDirectory directory;
  private final boolean allowOverHttp;

  /** An authenticator over this directory. */
  public BasicAuthenticator(IdentityDirectory directory, boolean allowOverHttp) {
    this.directory = directory;
    this.allowOverHttp = allowOverHttp;
  }

  @Override
  public String scheme() {
    return "Basic";
  }

  @Override
  public String challenge() {
    return CHALLENGE;
  }

  @Override
  public Authentication authenticate(String authorization, boolean secure) {
    if (!secure && !allowOverHttp) {
      throw new ApiException(
          RmsErrorCode.REQUEST_DENIED, "Basic authentication over plain HTTP is refused");
    }
    try (BasicCredentials credentials = parse(authorization)) {
      Optional<DirectoryEntry> entry =
          directory.verifyPassword(credentials.login(), credentials.password());
      return new Authentication(entry.orElseThrow(Authenticators::failed), null);
    }
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
    return BasicCredentials.parse(authorization).orElseThrow(Authenticators::failed);
  }
}
