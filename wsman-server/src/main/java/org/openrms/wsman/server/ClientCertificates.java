package org.openrms.wsman.server;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Client-certificate authentication over HTTPS (the {@code https/mutual} security profile): the
 * certificate authorities whose client certificates are accepted, and how a certificate maps to an
 * account. Immutable; built by {@link #builder()}.
 *
 * <h2>The mapping rule</h2>
 *
 * A client certificate is accepted when its chain validates (PKIX, at the current time, without
 * revocation checking) up to one of the {@linkplain Builder#trust trusted CAs} and, when the
 * certificate has an extended key usage extension, that extension lists {@code clientAuth}
 * (1.3.6.1.5.5.7.3.2), so a TLS server certificate from the same CA is no client identity. Its
 * account is then:
 *
 * <ol>
 *   <li>when the SHA-256 fingerprint of the certificate (its DER encoding) is {@linkplain
 *       Builder#map mapped}, the mapped account if it is still an account of the listener's current
 *       {@link LocalAccounts} (a removed account no longer logs in), else none; otherwise
 *   <li>when {@linkplain Builder#mapSubjectCommonName subject-CN mapping} is on, the subject's
 *       common name (CN), if it names an existing account in the listener's {@link LocalAccounts};
 *       otherwise
 *   <li>none: the request is refused with HTTP 403.
 * </ol>
 *
 * A certificate that does not chain to a trusted CA, or whose extended key usage excludes client
 * authentication, is refused with HTTP 401. A request carrying a client certificate is
 * authenticated by it when its {@code Authorization} header is absent or is the {@code
 * https/mutual} profile URI (both client styles exist); {@code Authorization: Basic} takes
 * precedence.
 */
public final class ClientCertificates {
  private final List<X509Certificate> trusted;
  private final Map<String, String> byFingerprint;
  private final boolean subjectCommonName;

  private ClientCertificates(Builder b) {
    this.trusted = List.copyOf(b.trusted);
    this.byFingerprint = Map.copyOf(b.byFingerprint);
    this.subjectCommonName = b.subjectCommonName;
  }

  /** A builder with no trusted CA, no mapping, CN mapping off. */
  public static Builder builder() {
    return new Builder();
  }

  /** The trusted client CAs. */
  public List<X509Certificate> trustedCas() {
    return trusted;
  }

  /** The explicit fingerprint (lowercase hex SHA-256) to account mapping. */
  public Map<String, String> fingerprintMapping() {
    return byFingerprint;
  }

  /** Whether the subject CN maps to an existing account of the same name. */
  public boolean mapsSubjectCommonName() {
    return subjectCommonName;
  }

  /**
   * The account of an already validated client certificate, by the mapping rule above.
   *
   * @param accounts the listener's current accounts: a mapped or CN-named account must be one
   */
  public Optional<String> accountFor(X509Certificate leaf, LocalAccounts accounts) {
    String mapped = byFingerprint.get(fingerprint(leaf));
    if (mapped != null) {
      return Optional.of(mapped).filter(accounts::contains);
    }
    if (subjectCommonName) {
      return commonName(leaf).filter(accounts::contains);
    }
    return Optional.empty();
  }

  /** The {@code clientAuth} extended key usage OID (RFC 5280 4.2.1.12). */
  public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  /**
   * Whether {@code leaf} may identify a TLS client: it has no extended key usage extension, or the
   * extension lists {@link #CLIENT_AUTH}.
   */
  public static boolean forClientAuthentication(X509Certificate leaf) {
    try {
      List<String> eku = leaf.getExtendedKeyUsage();
      return eku == null || eku.contains(CLIENT_AUTH);
    } catch (java.security.cert.CertificateParsingException e) {
      return false;
    }
  }

  /** The lowercase hex SHA-256 of the certificate's DER encoding. */
  public static String fingerprint(X509Certificate cert) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint a certificate", e);
    }
  }

  private static Optional<String> commonName(X509Certificate cert) {
    try {
      LdapName dn = new LdapName(cert.getSubjectX500Principal().getName());
      List<Rdn> rdns = new ArrayList<>(dn.getRdns());
      for (int i = rdns.size() - 1; i >= 0; i--) {
        if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
          return Optional.of(rdns.get(i).getValue().toString());
        }
      }
    } catch (InvalidNameException e) {
      // no usable subject
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "ClientCertificates[cas="
        + trusted.size()
        + ", mapped="
        + byFingerprint.size()
        + ", subjectCN="
        + subjectCommonName
        + "]";
  }

  /** Mutable builder. Not thread-safe. */
  public static final class Builder {
    private final List<X509Certificate> trusted = new ArrayList<>();
    private final Map<String, String> byFingerprint = new LinkedHashMap<>();
    private boolean subjectCommonName;

    private Builder() {}

    /** Trusts client certificates issued under {@code ca}. */
    public Builder trust(X509Certificate ca) {
      trusted.add(Objects.requireNonNull(ca, "ca"));
      return this;
    }

    /**
     * Maps the certificate with this SHA-256 fingerprint (hex, colons and case ignored) to {@code
     * account}.
     */
    public Builder map(String sha256Fingerprint, String account) {
      String fp = sha256Fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
      if (!fp.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("not a SHA-256 fingerprint: " + sha256Fingerprint);
      }
      if (!LocalAccounts.validName(account)) {
        throw new IllegalArgumentException("not a valid account name: " + account);
      }
      byFingerprint.put(fp, account);
      return this;
    }

    /** Maps {@code cert} (by its fingerprint) to {@code account}. */
    public Builder map(X509Certificate cert, String account) {
      return map(fingerprint(cert), account);
    }

    /** Whether a subject CN naming an existing account maps to it. */
    public Builder mapSubjectCommonName(boolean on) {
      this.subjectCommonName = on;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalStateException if no CA is trusted
     */
    public ClientCertificates build() {
      if (trusted.isEmpty()) {
        throw new IllegalStateException("client certificates need at least one trusted CA");
      }
      return new ClientCertificates(this);
    }
  }
}
