package org.openrms.wsman.server.internal;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.openrms.auth.BasicCredentials;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.server.ClientCertificates;
import org.openrms.wsman.server.LocalAccounts;
import org.openrms.wsman.server.WsmanListenerConfig;

/**
 * Who sent a request: HTTP Basic against the {@link LocalAccounts} (through the {@link
 * CredentialCache}), or a TLS client certificate mapped by {@link ClientCertificates}. Basic over
 * plain HTTP is refused unless {@code allowUnencrypted}, and always when Basic is off. Negotiate
 * and Kerberos are connection-bound and handled by {@link ConnectionAuth}.
 */
public final class Authenticator {
  /** The {@code Authorization} value some clients send with a client certificate. */
  public static final String MUTUAL = Namespaces.SECPROFILE_PREFIX + "https/mutual";

  /**
   * The outcome.
   *
   * @param user the account, or null when refused
   * @param status 0 when authenticated, else 401, 403, or 503 (no password check slot free)
   * @param challenge whether a 401 offers Basic
   * @param mutual whether the client certificate authenticated
   */
  public record Outcome(String user, int status, boolean challenge, boolean mutual) {
    static Outcome refused(int status, boolean challenge) {
      return new Outcome(null, status, challenge, false);
    }
  }

  private final WsmanListenerConfig config;
  private final AtomicReference<LocalAccounts> accounts;
  private final CredentialCache cache;
  private final LoginThrottle throttle;
  private final ClientCertificates certificates;
  private final Set<TrustAnchor> anchors = new HashSet<>();

  /** An authenticator for {@code config}. */
  public Authenticator(WsmanListenerConfig config) {
    this.config = config;
    this.accounts = new AtomicReference<>(config.accounts());
    this.cache = new CredentialCache(config.credentialCacheTtl());
    this.throttle =
        new LoginThrottle(
            config.auth().maxConcurrentPasswordChecks(),
            config.auth().failedLoginLimit(),
            config.auth().failedLoginPeriod().toNanos());
    this.certificates = config.clientCertificates().orElse(null);
    if (certificates != null) {
      for (X509Certificate ca : certificates.trustedCas()) {
        anchors.add(new TrustAnchor(ca, null));
      }
    }
  }

  /** The current accounts. */
  public LocalAccounts accounts() {
    return accounts.get();
  }

  /** Replaces the accounts and forgets every cached credential. */
  public void accounts(LocalAccounts replacement) {
    accounts.set(replacement);
    cache.clear();
  }

  /** Password derivations done so far. */
  public long derivations() {
    return cache.derivations();
  }

  /** Authenticates {@code request}. */
  public Outcome authenticate(Request request) {
    boolean basicOnOffer =
        config.auth().basic() && (request.isSecure() || config.allowUnencrypted());
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    boolean basic =
        authorization != null
            && authorization.strip().toLowerCase(Locale.ROOT).startsWith("basic ");
    if (!basic && certificates != null && request.isSecure()) {
      X509Certificate[] chain = peerCertificates(request);
      if (chain != null
          && chain.length > 0
          && (authorization == null || authorization.strip().equals(MUTUAL))) {
        return certificate(chain);
      }
    }
    if (!basicOnOffer) {
      return Outcome.refused(401, false);
    }
    if (!basic) {
      return Outcome.refused(401, true);
    }
    LocalAccounts current = accounts.get();
    String address = Request.getRemoteAddr(request);
    return BasicCredentials.parse(authorization)
        .map(
            c -> {
              try (c) {
                return basic(current, c.login(), c.password(), address);
              }
            })
        .orElseGet(() -> Outcome.refused(401, true));
  }

  /**
   * A Basic check: the credential cache first; then, unless {@code address} is backing off, one
   * derivation within the concurrency bound ({@link LoginThrottle}).
   */
  private Outcome basic(LocalAccounts current, String login, char[] password, String address) {
    if (cache.cached(current, login, password)) {
      return new Outcome(login, 0, false, false);
    }
    if (throttle.blocked(address)) {
      return Outcome.refused(401, true);
    }
    if (!throttle.acquire()) {
      return Outcome.refused(503, false);
    }
    boolean ok;
    try {
      ok = cache.derive(current, login, password);
    } finally {
      throttle.release();
    }
    if (!ok) {
      throttle.failed(address);
      return Outcome.refused(401, true);
    }
    throttle.succeeded(address);
    return new Outcome(login, 0, false, false);
  }

  private static X509Certificate[] peerCertificates(Request request) {
    Object data = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
    return data instanceof EndPoint.SslSessionData d ? d.peerCertificates() : null;
  }

  private Outcome certificate(X509Certificate[] chain) {
    if (!validates(chain) || !ClientCertificates.forClientAuthentication(chain[0])) {
      return Outcome.refused(401, false);
    }
    return certificates
        .accountFor(chain[0], accounts.get())
        .map(u -> new Outcome(u, 0, false, true))
        .orElseGet(() -> Outcome.refused(403, false));
  }

  private boolean validates(X509Certificate[] chain) {
    List<X509Certificate> path = new ArrayList<>();
    for (X509Certificate c : chain) {
      if (!certificates.trustedCas().contains(c)) {
        path.add(c);
      }
    }
    if (path.isEmpty()) {
      return false; // a CA certificate itself is not a client identity
    }
    try {
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
