package org.openrms.rms.client.internal;

import com.sun.security.auth.module.UnixSystem;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.openrms.auth.Kerberos;
import org.openrms.auth.KerberosCredentials;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.Spnego;
import org.openrms.core.HResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's Kerberos exchange under {@code Negotiate} (RFC 4559), done by the SDK because the
 * JDK HTTP client cannot: a SPNEGO-wrapped AP-REQ for the service goes out preemptively in {@code
 * Authorization}, and the server's AP-REP in {@code WWW-Authenticate: Negotiate <base64>} of a
 * success answer must verify (mutual authentication), else the answer is not trusted. One round
 * trip; a fresh context per request (the server's replay cache refuses a reused AP-REQ). Tokens are
 * never logged.
 */
final class NegotiateRound implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NegotiateRound.class);
  private static final String SCHEME = "Negotiate ";

  private final KerberosCredentials credentials;
  private final SecurityContext context;
  private final String header;

  private NegotiateRound(KerberosCredentials credentials, SecurityContext context, String header) {
    this.credentials = credentials;
    this.context = context;
    this.header = header;
  }

  /**
   * The logged-on identity's round: from the configured ticket cache, else the default one; empty
   * if there is no usable ticket cache file (then the request goes without credentials).
   *
   * @throws RmsFailure {@code E_DRM_AUTHENTICATION_FAILED} if the cache exists but gives no ticket
   *     for the service (expired, no KDC, unknown service principal)
   */
  static Optional<NegotiateRound> fromTicketCache(KerberosSettings k, URI url) {
    Path cache = k.ticketCache() != null ? k.ticketCache() : defaultTicketCache().orElse(null);
    if (cache == null || !Files.isRegularFile(cache)) {
      LOG.debug("no Kerberos ticket cache ({}); the request goes without credentials", cache);
      return Optional.empty();
    }
    return Optional.of(start(() -> KerberosCredentials.ticketCache(cache), k, url));
  }

  /** The round of an explicit principal and password (a TGT is requested for each request). */
  static NegotiateRound fromPassword(KerberosSettings k, URI url, String login, char[] password) {
    return start(() -> KerberosCredentials.password(login, password), k, url);
  }

  private static NegotiateRound start(
      java.util.function.Supplier<KerberosCredentials> login, KerberosSettings k, URI url) {
    String spn = servicePrincipal(k, url);
    KerberosCredentials creds = null;
    SecurityContext ctx = null;
    try {
      creds = login.get();
      spn = inClientRealm(spn, creds.principal());
      ctx = Spnego.initiator(Kerberos.initiator(creds, spn));
      byte[] token = ctx.step(null);
      return new NegotiateRound(creds, ctx, SCHEME + Base64.getEncoder().encodeToString(token));
    } catch (SecurityContextException | IllegalArgumentException e) {
      if (ctx != null) {
        ctx.close();
      }
      if (creds != null) {
        creds.close();
      }
      throw new RmsFailure(
          HResult.E_DRM_AUTHENTICATION_FAILED,
          "no Kerberos ticket for " + spn + ": " + e.getMessage(),
          null,
          e);
    }
  }

  /** The {@code Authorization} header value. */
  String header() {
    return header;
  }

  /**
   * Checks the server's AP-REP on a success answer; other answers are judged by their status.
   *
   * @throws RmsFailure {@code E_DRM_AUTHENTICATION_FAILED} if a success answer does not prove the
   *     server's identity
   */
  void verify(HttpResponse<?> response) {
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      return;
    }
    String token =
        response.headers().allValues("WWW-Authenticate").stream()
            .map(String::strip)
            .filter(v -> v.regionMatches(true, 0, SCHEME, 0, SCHEME.length()))
            .map(v -> v.substring(SCHEME.length()).strip())
            .findFirst()
            .orElse(null);
    if (token == null || token.isEmpty()) {
      throw unproven("the answer carries no Kerberos AP-REP", null);
    }
    try {
      context.step(Base64.getDecoder().decode(token));
    } catch (SecurityContextException | IllegalArgumentException e) {
      throw unproven("the server's Kerberos AP-REP does not verify: " + e.getMessage(), e);
    }
    if (!context.isEstablished()) {
      throw unproven("the Kerberos exchange did not complete", null);
    }
  }

  private static RmsFailure unproven(String why, Throwable cause) {
    return new RmsFailure(
        HResult.E_DRM_AUTHENTICATION_FAILED,
        "the server did not authenticate itself (" + why + ")",
        null,
        cause);
  }

  @Override
  public void close() {
    try {
      context.close();
    } finally {
      credentials.close();
    }
  }

  /**
   * A service principal without realm goes to the client's realm, as MIT Kerberos asks the client's
   * KDC first (the JDK alone would take the default realm of its krb5 configuration).
   */
  static String inClientRealm(String spn, String client) {
    int at = client.lastIndexOf('@');
    if (spn.indexOf('@') >= 0 || at < 0 || at == client.length() - 1) {
      return spn;
    }
    return spn + client.substring(at);
  }

  /** The configured service principal, else {@code HTTP/<host>} (realm: see inClientRealm). */
  static String servicePrincipal(KerberosSettings k, URI url) {
    if (k.servicePrincipal() != null) {
      return k.servicePrincipal();
    }
    String host = url.getHost() == null ? "" : url.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return "HTTP/" + host.toLowerCase(Locale.ROOT);
  }

  /**
   * The default ticket cache as MIT Kerberos finds it: {@code KRB5CCNAME} if it names a file
   * ({@code FILE:path} or a path; other cache types are not readable by the JDK), else {@code
   * /tmp/krb5cc_<uid>} on Unix.
   */
  static Optional<Path> defaultTicketCache() {
    String env = System.getenv("KRB5CCNAME");
    if (env != null && !env.isBlank()) {
      String name = env.strip();
      if (name.regionMatches(true, 0, "FILE:", 0, 5)) {
        name = name.substring(5);
      } else if (name.indexOf(':') > 1) {
        LOG.debug("KRB5CCNAME names a cache type the JDK cannot read: {}", name);
        return Optional.empty();
      }
      return Optional.of(Path.of(name));
    }
    try {
      return Optional.of(Path.of("/tmp/krb5cc_" + new UnixSystem().getUid()));
    } catch (LinkageError | RuntimeException e) {
      return Optional.empty();
    }
  }
}
