package org.openrms.rms.server;

import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Federated ({@code PASSPORT}) identity: the OpenID Connect providers whose ID tokens the rights
 * server accepts in {@code Authorization: Bearer}, and how it fetches and caches their keys. Built
 * with {@link #builder()}; turned on with {@link RightsServerConfig.Builder#oidc(OidcConfig)}.
 *
 * <p>A token must be a JWS signed with ES256 or RS256 by a key of its issuer's JWKS, from a trusted
 * issuer, for the configured audience, with {@code exp} and {@code iat} (and {@code nbf} if
 * present) valid within the clock skew, and with a {@code sub}. Its {@code email} claim becomes the
 * RAC's e-mail.
 */
public final class OidcConfig {
  /** Default accepted clock skew for {@code exp}, {@code nbf} and {@code iat}: 60 seconds. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  /** Default lifetime of a fetched JWKS before it is fetched again: 15 minutes. */
  public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(15);

  /** Default least time between two fetches caused by an unknown key id: 30 seconds. */
  public static final Duration DEFAULT_JWKS_REFRESH_INTERVAL = Duration.ofSeconds(30);

  /** Default timeout of one discovery or JWKS fetch: 10 seconds. */
  public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofSeconds(10);

  private final List<OidcIssuer> issuers;
  private final KeyStore trustStore;
  private final Duration clockSkew;
  private final Duration jwksCacheTtl;
  private final Duration jwksRefreshInterval;
  private final Duration fetchTimeout;

  private OidcConfig(Builder b) {
    this.issuers = List.copyOf(b.issuers);
    this.trustStore = b.trustStore;
    this.clockSkew = b.clockSkew;
    this.jwksCacheTtl = b.jwksCacheTtl;
    this.jwksRefreshInterval = b.jwksRefreshInterval;
    this.fetchTimeout = b.fetchTimeout;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The trusted providers. */
  public List<OidcIssuer> issuers() {
    return issuers;
  }

  /** The trust anchors for the providers' HTTPS, or empty for the JDK's default trust store. */
  public Optional<KeyStore> trustStore() {
    return Optional.ofNullable(trustStore);
  }

  /** The accepted clock skew. */
  public Duration clockSkew() {
    return clockSkew;
  }

  /** How long a fetched JWKS is used before it is fetched again. */
  public Duration jwksCacheTtl() {
    return jwksCacheTtl;
  }

  /** The least time between two fetches caused by a token with an unknown key id. */
  public Duration jwksRefreshInterval() {
    return jwksRefreshInterval;
  }

  /** The timeout of one fetch. */
  public Duration fetchTimeout() {
    return fetchTimeout;
  }

  /** Builder of {@link OidcConfig}. Not thread-safe. */
  public static final class Builder {
    private final List<OidcIssuer> issuers = new ArrayList<>();
    private KeyStore trustStore;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Duration jwksCacheTtl = DEFAULT_JWKS_CACHE_TTL;
    private Duration jwksRefreshInterval = DEFAULT_JWKS_REFRESH_INTERVAL;
    private Duration fetchTimeout = DEFAULT_FETCH_TIMEOUT;

    private Builder() {}

    /** Adds a trusted provider (at least one is required; issuers must be distinct). */
    public Builder trustedIssuer(OidcIssuer issuer) {
      Objects.requireNonNull(issuer, "issuer");
      if (issuers.stream().anyMatch(i -> i.issuerId().equals(issuer.issuerId()))) {
        throw new IllegalArgumentException("issuer configured twice: " + issuer.issuerId());
      }
      issuers.add(issuer);
      return this;
    }

    /** Trust anchors for the providers' HTTPS certificates; default the JDK's trust store. */
    public Builder trustStore(KeyStore trustStore) {
      this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
      return this;
    }

    /** Accepted clock skew, at most 10 minutes; default 60 seconds. */
    public Builder clockSkew(Duration skew) {
      Objects.requireNonNull(skew, "clockSkew");
      if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("clockSkew must be within 0..10 minutes");
      }
      this.clockSkew = skew;
      return this;
    }

    /** How long a fetched JWKS is used; default 15 minutes. */
    public Builder jwksCacheTtl(Duration ttl) {
      this.jwksCacheTtl = positive(ttl, "jwksCacheTtl");
      return this;
    }

    /**
     * The least time between two fetches caused by an unknown key id (a key rotation); default 30
     * seconds. Zero fetches on every unknown key id (tests).
     */
    public Builder jwksRefreshInterval(Duration interval) {
      Objects.requireNonNull(interval, "jwksRefreshInterval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("jwksRefreshInterval must not be negative");
      }
      this.jwksRefreshInterval = interval;
      return this;
    }

    /** Timeout of one discovery or JWKS fetch; default 10 seconds. */
    public Builder fetchTimeout(Duration timeout) {
      this.fetchTimeout = positive(timeout, "fetchTimeout");
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalStateException without a trusted issuer
     */
    public OidcConfig build() {
      if (issuers.isEmpty()) {
        throw new IllegalStateException("at least one trustedIssuer is required");
      }
      return new OidcConfig(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
