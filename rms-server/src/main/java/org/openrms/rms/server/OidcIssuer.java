package org.openrms.rms.server;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One OpenID Connect provider whose ID tokens the rights server accepts for {@code PASSPORT}
 * certification (part of an {@link OidcConfig}).
 *
 * <p>The provider's keys come from the {@code jwks_uri} of its discovery document {@code
 * <issuer>/.well-known/openid-configuration}, whose {@code issuer} must equal this issuer exactly,
 * or from an explicit {@link #withJwksUri(URI) JWKS URI}. Both are fetched over HTTPS only.
 *
 * @param issuer the issuer identifier, exactly as tokens carry it in {@code iss} (https)
 * @param audience the client id tokens must name in {@code aud}
 * @param jwksUri an explicit JWKS URI (skips discovery), or {@code null}
 * @param assumeEmailVerified {@code true} for providers that vouch for every {@code email} without
 *     sending {@code email_verified}; a token with {@code email_verified=false} is refused anyway
 */
public record OidcIssuer(URI issuer, String audience, URI jwksUri, boolean assumeEmailVerified) {
  /** Checks the fields: https URIs without query or fragment, a non-blank audience. */
  public OidcIssuer {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    requireHttps(issuer, "issuer");
    if (jwksUri != null) {
      requireHttps(jwksUri, "jwksUri");
    }
    if (audience.isBlank()) {
      throw new IllegalArgumentException("audience must not be blank");
    }
  }

  /** A provider found by discovery, whose tokens must carry {@code email_verified=true}. */
  public static OidcIssuer of(URI issuer, String audience) {
    return new OidcIssuer(issuer, audience, null, false);
  }

  /** This provider with an explicit JWKS URI instead of discovery. */
  public OidcIssuer withJwksUri(URI uri) {
    return new OidcIssuer(
        issuer, audience, Objects.requireNonNull(uri, "jwksUri"), assumeEmailVerified);
  }

  /** This provider, trusted (or not) to vouch for e-mails without {@code email_verified}. */
  public OidcIssuer withAssumeEmailVerified(boolean assume) {
    return new OidcIssuer(issuer, audience, jwksUri, assume);
  }

  /** The explicit JWKS URI, if one was configured. */
  public Optional<URI> explicitJwksUri() {
    return Optional.ofNullable(jwksUri);
  }

  /** The issuer exactly as tokens carry it. */
  public String issuerId() {
    return issuer.toString();
  }

  private static void requireHttps(URI uri, String name) {
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !"https".equalsIgnoreCase(uri.getScheme())
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          name + " must be an https URI without query or fragment: " + uri);
    }
  }
}
