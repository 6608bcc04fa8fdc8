package org.openrms.rms.server.internal.http;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.openrms.core.wire.RmsErrorCode;
import org.openrms.rms.server.DirectoryUnavailableException;

/**
 * The server's authenticators, chosen by the scheme of the {@code Authorization} header. A missing
 * header or an unknown scheme is a 401 carrying every configured challenge.
 */
public final class Authenticators {
  private final List<Authenticator> all;
  private final String challenges;

  /** The authenticators in challenge order (at least one). */
  public Authenticators(List<Authenticator> authenticators) {
    if (authenticators.isEmpty()) {
      throw new IllegalArgumentException("at least one authenticator is required");
    }
    this.all = List.copyOf(authenticators);
    this.challenges = all.stream().map(Authenticator::challenge).collect(Collectors.joining(", "));
  }

  /** The value of {@code WWW-Authenticate} for a 401: every scheme's challenge. */
  public String challenges() {
    return challenges;
  }

  /**
   * Authenticates a request with the authenticator of its scheme.
   *
   * @throws ApiException as {@link Authenticator#authenticate}; 503 {@code SERVER_ERROR} when the
   *     directory or the identity provider is unavailable
   */
  public Authentication authenticate(String authorization, boolean secure) {
    return authenticate(authorization, secure, null);
  }

  /** Like {@link #authenticate(String, boolean)} for a request on {@code connection}. */
  public Authentication authenticate(
      String authorization, boolean secure, ConnectionMetaData connection) {
    if (authorization == null || authorization.isBlank()) {
      throw failed();
    }
    String header = authorization.strip();
    int space = header.indexOf(' ');
    String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
    for (Authenticator a : all) {
      if (a.scheme().toLowerCase(Locale.ROOT).equals(scheme)) {
        try {
          return a.authenticate(header, secure, connection);
        } catch (DirectoryUnavailableException e) {
          throw new ApiException(
              RmsErrorCode.SERVER_ERROR,
              503,
              "the identity directory is unavailable; try again later");
        }
      }
    }
    throw failed();
  }

  /**
   * Authenticates a request, records the login (and the mechanism's reply challenge) in the
   * attempt, and refuses a disabled account: what every authenticated endpoint does first.
   *
   * @throws ApiException as {@link #authenticate}, or 403 {@code REQUEST_DENIED} for a disabled
   *     account (after its login was recorded)
   */
  public Authentication authenticateEnabled(String authorization, boolean secure, Attempt attempt) {
    Authentication auth = authenticate(authorization, secure, attempt.connection());
    attempt.login(auth.entry().login());
    attempt.replyChallenge(auth.replyChallenge());
    if (!auth.entry().enabled()) {
      throw new ApiException(RmsErrorCode.REQUEST_DENIED, "the account is disabled");
    }
    return auth;
  }

  static ApiException failed() {
    return new ApiException(RmsErrorCode.AUTHENTICATION_FAILED, "authentication failed");
  }
}
