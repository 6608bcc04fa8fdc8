package org.openrms.auth;

import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.openrms.auth.internal.ntlm.ChannelBindings;

/**
 * Settings of an NTLM context; immutable, built with {@link #builder()}. Initiator and acceptor
 * read the parts that concern them:
 *
 * <ul>
 *   <li>both: {@linkplain Builder#channelBindings channel bindings} (RFC 5929 {@code
 *       tls-server-end-point} over TLS), the clock and the random source;
 *   <li>initiator: the {@linkplain Builder#servicePrincipal service principal} sent as
 *       MsvAvTargetName and the workstation name;
 *   <li>acceptor: the {@linkplain Builder#computerName computer name} it announces (and accepts as
 *       the domain of a local account), the {@linkplain Builder#maxClockSkew clock skew} allowed
 *       for the client's timestamp (default 5 minutes) and whether channel bindings are {@linkplain
 *       Builder#requireChannelBindings required}.
 * </ul>
 */
public final class NtlmOptions {
  private final Duration maxClockSkew;
  private final Clock clock;
  private final SecureRandom random;
  private final byte[] channelBindings;
  private final boolean requireChannelBindings;
  private final String servicePrincipal;
  private final String workstation;
  private final String computerName;
  private final String dnsComputerName;

  private NtlmOptions(Builder b) {
    maxClockSkew = b.maxClockSkew;
    clock = b.clock;
    random = b.random;
    channelBindings = b.channelBindings;
    requireChannelBindings = b.requireChannelBindings;
    servicePrincipal = b.servicePrincipal;
    workstation = b.workstation;
    computerName = b.computerName;
    dnsComputerName = b.dnsComputerName == null ? b.computerName : b.dnsComputerName;
  }

  /** The defaults: no channel bindings, 5 minutes skew, computer name {@code OPENRMS}. */
  public static NtlmOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The largest difference allowed between the client's timestamp and the acceptor's clock. */
  public Duration maxClockSkew() {
    return maxClockSkew;
  }

  /** The clock for timestamps. */
  public Clock clock() {
    return clock;
  }

  /** The source of challenges and session keys. */
  public SecureRandom random() {
    return random;
  }

  /** The channel-binding application data (a copy), if set. */
  public Optional<byte[]> channelBindings() {
    return Optional.ofNullable(channelBindings).map(byte[]::clone);
  }

  /** Whether the acceptor refuses a client that sends no channel bindings. */
  public boolean requireChannelBindings() {
    return requireChannelBindings;
  }

  /** The initiator's service principal name ({@code HTTP/host}), if set. */
  public Optional<String> servicePrincipal() {
    return Optional.ofNullable(servicePrincipal);
  }

  /** The initiator's workstation name, possibly empty. */
  public String workstation() {
    return workstation;
  }

  /** The acceptor's NetBIOS computer name. */
  public String computerName() {
    return computerName;
  }

  /** The acceptor's DNS computer name (defaults to the NetBIOS name). */
  public String dnsComputerName() {
    return dnsComputerName;
  }

  /** Builds {@link NtlmOptions}. */
  public static final class Builder {
    private Duration maxClockSkew = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private byte[] channelBindings;
    private boolean requireChannelBindings;
    private String servicePrincipal;
    private String workstation = "";
    private String computerName = "OPENRMS";
    private String dnsComputerName;

    private Builder() {}

    /** The timestamp window of the acceptor, plus or minus; positive. */
    public Builder maxClockSkew(Duration skew) {
      if (skew.isNegative() || skew.isZero()) {
        throw new IllegalArgumentException("the clock skew must be positive");
      }
      this.maxClockSkew = skew;
      return this;
    }

    /** The clock (tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The random source (tests). */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Channel-binding application data (the {@code application_data} of RFC 2744
     * gss_channel_bindings_struct); both sides must use the same. Copied.
     */
    public Builder channelBindings(byte[] applicationData) {
      this.channelBindings = Objects.requireNonNull(applicationData, "applicationData").clone();
      return this;
    }

    /**
     * Channel bindings of type {@code tls-server-end-point} (RFC 5929 section 4.1) for the TLS
     * server certificate: {@code "tls-server-end-point:"} followed by the certificate's hash with
     * the hash function of its signature algorithm (SHA-256 for MD5 and SHA-1), as Windows computes
     * them for HTTPS.
     *
     * @param serverCertificate the server's (end-entity) certificate
     */
    public Builder tlsServerCertificate(X509Certificate serverCertificate) {
      try {
        this.channelBindings = ChannelBindings.tlsServerEndPoint(serverCertificate);
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException("cannot encode the server certificate", e);
      }
      return this;
    }

    /**
     * Whether the acceptor refuses clients that send no channel bindings (requires {@link
     * #channelBindings} or {@link #tlsServerCertificate}); mismatched bindings are always refused.
     */
    public Builder requireChannelBindings(boolean require) {
      this.requireChannelBindings = require;
      return this;
    }

    /** The service principal the initiator names in MsvAvTargetName, e.g. {@code HTTP/host}. */
    public Builder servicePrincipal(String spn) {
      this.servicePrincipal = Objects.requireNonNull(spn, "spn");
      return this;
    }

    /** The workstation name the initiator sends (default empty). */
    public Builder workstation(String workstation) {
      this.workstation = Objects.requireNonNull(workstation, "workstation");
      return this;
    }

    /** The NetBIOS computer name the acceptor announces (default {@code OPENRMS}). */
    public Builder computerName(String name) {
      if (Objects.requireNonNull(name, "name").isEmpty()) {
        throw new IllegalArgumentException("the computer name must not be empty");
      }
      this.computerName = name;
      return this;
    }

    /** The DNS computer name the acceptor announces (default: the NetBIOS name). */
    public Builder dnsComputerName(String name) {
      this.dnsComputerName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalStateException if channel bindings are required but not set
     */
    public NtlmOptions build() {
      if (requireChannelBindings && channelBindings == null) {
        throw new IllegalStateException("channel bindings are required but not set");
      }
      return new NtlmOptions(this);
    }
  }
}
