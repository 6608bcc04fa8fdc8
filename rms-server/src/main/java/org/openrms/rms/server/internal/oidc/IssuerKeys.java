package org.openrms.rms.server.internal.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openrms.rms.server.DirectoryUnavailableException;
import org.openrms.rms.server.OidcIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys of one OpenID Connect provider: the JWKS found through discovery (or an explicit
 * JWKS URI), fetched over HTTPS, cached for a while, and fetched again when a token names a key id
 * the cache does not know (key rotation), at most once per refresh interval. Thread-safe.
 */
final class IssuerKeys {
  private static final Logger LOG = LoggerFactory.getLogger(IssuerKeys.class);
  private static final int MAX_DOCUMENT_BYTES = 256 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OidcIssuer issuer;
  private final HttpClient http;
  private final Duration timeout;
  private final Duration ttl;
  private final Duration refreshInterval;
  private final Clock clock;

  private JWKSet keys;
  private Instant fetchedAt = Instant.MIN;
  private Instant lastFetchAttempt = Instant.MIN;
  private URI jwksUri;

  IssuerKeys(
      OidcIssuer issuer,
      HttpClient http,
      Duration timeout,
      Duration ttl,
      Duration refreshInterval,
      Clock clock) {
    this.issuer = issuer;
    this.http = http;
    this.timeout = timeout;
    this.ttl = ttl;
    this.refreshInterval = refreshInterval;
    this.clock = clock;
    this.jwksUri = issuer.explicitJwksUri().orElse(null);
  }

  /**
   * The verification key for a token header: the key with this {@code kid} (or the only key of the
   * right type if the token names none), fetching the JWKS first if it is missing or stale, and
   * once more if the key is not found and the refresh interval has passed.
   *
   * @return the key, or {@code null} if the provider has none that fits
   * @throws DirectoryUnavailableException if the provider's documents cannot be fetched
   */
  synchronized JWK key(String kid, JWSAlgorithm alg) {
    Instant now = clock.instant();
    if (keys == null || now.isAfter(fetchedAt.plus(ttl))) {
      refresh(keys == null);
    }
    JWK found = select(kid, alg);
    if (found == null && !now.isBefore(lastFetchAttempt.plus(refreshInterval))) {
      LOG.info("unknown signing key of {}: fetching its JWKS again", issuer.issuerId());
      refresh(true);
      found = select(kid, alg);
    }
    return found;
  }

  private JWK select(String kid, JWSAlgorithm alg) {
    if (keys == null) {
      return null;
    }
    KeyType type = JWSAlgorithm.Family.EC.contains(alg) ? KeyType.EC : KeyType.RSA;
    JWKMatcher.Builder m =
        new JWKMatcher.Builder().keyType(type).keyUses(KeyUse.SIGNATURE, null).publicOnly(true);
    if (kid != null) {
      m.keyID(kid);
    }
    List<JWK> matches = new JWKSelector(m.build()).select(keys);
    return matches.size() == 1 ? matches.get(0) : null;
  }

  /** Fetches discovery (once) and the JWKS; with {@code mustSucceed} false a stale set is kept. */
  private void refresh(boolean mustSucceed) {
    lastFetchAttempt = clock.instant();
    try {
      if (jwksUri == null) {
        jwksUri = discoverJwksUri();
      }
      JWKSet fetched = JWKSet.parse(fetch(jwksUri));
      keys = fetched.toPublicJWKSet();
      fetchedAt = clock.instant();
    } catch (IOException | ParseException | RuntimeException e) {
      LOG.warn("cannot fetch the keys of {}: {}", issuer.issuerId(), e.getMessage());
      if (mustSucceed || keys == null) {
        throw new DirectoryUnavailableException(
            "the identity provider " + issuer.issuerId() + " cannot be reached", e);
      }
    }
  }

  private URI discoverJwksUri() throws IOException {
    String base = issuer.issuerId();
    URI discovery =
        URI.create(
            (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/.well-known/openid-configuration");
    JsonNode doc = JSON.readTree(fetch(discovery));
    if (doc == null || !doc.isObject()) {
      throw new IOException("the discovery document is not a JSON object");
    }
    if (!base.equals(doc.path("issuer").asText(null))) {
      throw new IOException("the discovery document names another issuer");
    }
    String jwks = doc.path("jwks_uri").asText(null);
    if (jwks == null) {
      throw new IOException("the discovery document has no jwks_uri");
    }
    URI uri = URI.create(jwks);
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IOException("the jwks_uri is not an https URI");
    }
    return uri;
  }

  private String fetch(URI uri) throws IOException {
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<InputStream> r;
    try {
      r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + uri, e);
    }
    try (InputStream in = r.body()) {
      if (r.statusCode() != 200) {
        throw new IOException("HTTP " + r.statusCode() + " from " + uri);
      }
      byte[] body = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
      if (body.length > MAX_DOCUMENT_BYTES) {
        throw new IOException("the document at " + uri + " is too large");
      }
      return new String(body, StandardCharsets.UTF_8);
    }
  }
}
