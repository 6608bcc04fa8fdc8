package org.openrms.rms.server.internal.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openrms.rms.server.DirectoryUnavailableException;
import org.openrms.rms.server.OidcConfig;
import org.openrms.rms.server.OidcIssuer;

/**
 * Validates OpenID Connect ID tokens against the trusted providers of an {@link OidcConfig}:
 * signature (ES256 with a P-256 key, or RS256 with a key of at least 2048 bits) by a key of the
 * issuer's JWKS, {@code iss}, {@code aud} (and {@code azp} when present), {@code exp}, {@code nbf}
 * and {@code iat} within the clock skew, and a {@code sub}. Thread-safe.
 *
 * <p>A rejection names its reason in fixed words; neither the token nor a part of it ever appears
 * in an exception or a log line.
 */
public final class IdTokenVerifier {
  /** Longest accepted token: 16 KiB. */
  static final int MAX_TOKEN_CHARS = 16 * 1024;

  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);

  /** What a valid token says about its holder. */
  public record Verified(
      String issuer, String subject, String email, Boolean emailVerified, String name) {}

  /** A token that is not acceptable; the message is a fixed reason, safe to log and to send. */
  public static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  private final Map<String, OidcIssuer> issuers = new LinkedHashMap<>();
  private final Map<String, IssuerKeys> keys = new LinkedHashMap<>();
  private final Duration skew;
  private final Clock clock;

  /**
   * A verifier for the configured providers.
   *
   * @throws IllegalArgumentException if the trust store cannot be used
   */
  public IdTokenVerifier(OidcConfig config, Clock clock) {
    this.skew = config.clockSkew();
    this.clock = clock;
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(sslContext(config))
            .connectTimeout(config.fetchTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    for (OidcIssuer i : config.issuers()) {
      issuers.put(i.issuerId(), i);
      keys.put(
          i.issuerId(),
          new IssuerKeys(
              i,
              http,
              config.fetchTimeout(),
              config.jwksCacheTtl(),
              config.jwksRefreshInterval(),
              clock));
    }
  }

  /**
   * Validates a compact-serialized ID token.
   *
   * @throws Rejected if the token is not acceptable
   * @throws DirectoryUnavailableException if the issuer's keys cannot be fetched
   */
  public Verified verify(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      throw new Rejected("the token is missing or too long");
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      throw new Rejected("the token is not a signed JWT");
    }
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (!ALGORITHMS.contains(alg)) {
      throw new Rejected("the token's signature algorithm is not accepted (ES256, RS256)");
    }
    OidcIssuer issuer = claims.getIssuer() == null ? null : issuers.get(claims.getIssuer());
    if (issuer == null) {
      throw new Rejected("the token's issuer is not trusted");
    }
    JWK key = keys.get(issuer.issuerId()).key(jwt.getHeader().getKeyID(), alg);
    if (key == null) {
      throw new Rejected("no signing key of the issuer matches the token");
    }
    if (!signatureValid(jwt, key, alg)) {
      throw new Rejected("the token's signature is not valid");
    }
    checkClaims(claims, issuer);
    return new Verified(
        issuer.issuerId(),
        claims.getSubject(),
        stringClaim(claims, "email"),
        emailVerified(claims, issuer),
        stringClaim(claims, "name"));
  }

  private static boolean signatureValid(SignedJWT jwt, JWK key, JWSAlgorithm alg) {
    try {
      JWSVerifier verifier;
      if (alg.equals(JWSAlgorithm.ES256)) {
        ECKey ec = key.toECKey();
        if (!Curve.P_256.equals(ec.getCurve())) {
          return false;
        }
        verifier = new ECDSAVerifier(ec);
      } else {
        RSAKey rsa = key.toRSAKey();
        if (rsa.size() < 2048) {
          return false;
        }
        verifier = new RSASSAVerifier(rsa);
      }
      return jwt.verify(verifier);
    } catch (JOSEException | RuntimeException e) {
      return false;
    }
  }

  private void checkClaims(JWTClaimsSet claims, OidcIssuer issuer) {
    List<String> aud = claims.getAudience();
    if (aud == null || !aud.contains(issuer.audience())) {
      throw new Rejected("the token is for another audience");
    }
    String azp = stringClaim(claims, "azp");
    if (azp != null && !azp.equals(issuer.audience())) {
      throw new Rejected("the token was issued to another client (azp)");
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    Date iat = claims.getIssueTime();
    Date nbf = claims.getNotBeforeTime();
    if (exp == null || iat == null) {
      throw new Rejected("the token lacks exp or iat");
    }
    if (now.minus(skew).isAfter(exp.toInstant())) {
      throw new Rejected("the token has expired");
    }
    if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
      throw new Rejected("the token is not valid yet (nbf)");
    }
    if (now.plus(skew).isBefore(iat.toInstant())) {
      throw new Rejected("the token was issued in the future (iat)");
    }
    String sub = claims.getSubject();
    if (sub == null || sub.isBlank()) {
      throw new Rejected("the token has no subject");
    }
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    Object v = claims.getClaim(name);
    return v instanceof String ? (String) v : null;
  }

  /**
   * {@code email_verified} as a boolean (or the strings "true"/"false"), else the issuer's default.
   */
  private static Boolean emailVerified(JWTClaimsSet claims, OidcIssuer issuer) {
    Object v = claims.getClaim("email_verified");
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v instanceof String) {
      String s = ((String) v).strip().toLowerCase(Locale.ROOT);
      if (s.equals("true") || s.equals("false")) {
        return Boolean.valueOf(s);
      }
      return Boolean.FALSE;
    }
    return v == null && issuer.assumeEmailVerified();
  }

  private static SSLContext sslContext(OidcConfig config) {
    try {
      if (config.trustStore().isEmpty()) {
        return SSLContext.getDefault();
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) config.trustStore().get());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use the OIDC trust store: " + e.getMessage(), e);
    }
  }
}
