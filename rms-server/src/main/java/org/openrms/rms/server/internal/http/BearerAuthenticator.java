package org.openrms.rms.server.internal.http;

import org.openrms.core.wire.RmsErrorCode;
import org.openrms.rms.server.DirectoryEntry;
import org.openrms.rms.server.internal.oidc.IdTokenVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Authorization: Bearer <OpenID Connect ID token>}: federated ({@code PASSPORT}) identity.
 * The token's {@code email}, {@code email_verified} and {@code name} claims make the directory
 * entry (enabled; the audit login is the e-mail, else {@code sub}); the RAC's group-ID type is
 * {@code PASSPORT}. Like Basic, a token over plain HTTP is refused unless Basic over HTTP is
 * allowed. The token is never logged.
 */
public final class BearerAuthenticator implements Authenticator {
  /** The challenge sent with every 401 when OpenID Connect is configured. */
  public static final String CHALLENGE = "Bearer realm=\"OpenRMS\"";

  /** The group-ID type a token proves. */
  public static final String PASSPORT = "PASSPORT";

  private static final Logger LOG = LoggerFactory.getLogger(BearerAuthenticator.class);

  private final IdTokenVerifier verifier;
  private final boolean allowOverHttp;

  /** An authenticator with this verifier. */
  public BearerAuthenticator(IdTokenVerifier verifier, boolean allowOverHttp) {
    this.verifier = verifier;
    this.allowOverHttp = allowOverHttp;
  }

  @Override
  public String scheme() {
    return "Bearer";
  }

  @Override
  public String challenge() {
    return CHALLENGE;
  }

  @Override
  public Authentication authenticate(String authorization, boolean secure) {
    if (!secure && !allowOverHttp) {
      throw new ApiException(
          RmsErrorCode.REQUEST_DENIED, "Bearer authentication over plain HTTP is refused");
    }
    String token = authorization.length() > 7 ? authorization.substring(7).strip() : "";
    IdTokenVerifier.Verified v;
    try {
      v = verifier.verify(token);
    } catch (IdTokenVerifier.Rejected e) {
      LOG.info("ID token rejected: {}", e.getMessage());
      throw new ApiException(RmsErrorCode.AUTHENTICATION_FAILED, e.getMessage());
    }
    String login = v.email() != null ? v.email() : v.subject();
    String name = printable(v.name());
    if (name.isEmpty()) {
      name = printable(login);
    }
    DirectoryEntry entry =
        new DirectoryEntry(login, v.email(), name, Boolean.TRUE.equals(v.emailVerified()), true);
    return new Authentication(entry, PASSPORT);
  }

  /** A display name without control characters, at most 256 characters; "" for null. */
  private static String printable(String s) {
    if (s == null) {
      return "";
    }
    String clean =
        s.codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
            .strip();
    return clean.length() > 256 ? clean.substring(0, 256) : clean;
  }
}
