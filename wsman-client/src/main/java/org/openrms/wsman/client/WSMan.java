package org.openrms.wsman.client;

import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.openrms.wsman.client.internal.ErrorMessages;

/**
 * The entry object of the WS-Management client, the Java form of the WinRM scripting object {@code
 * WSMan} ({@code IWSMan}/{@code IWSManEx}).
 *
 * <p>Build one, share it: it is immutable and thread-safe. It holds the machine settings the
 * default authentication rules depend on (the trusted hosts and the Kerberos realm, see {@link
 * AuthSelector}); nothing is read from the machine.
 *
 * <pre>{@code
 * WSMan wsman = WSMan.builder().trustedHosts("*.corp.com").build();
 * try (ConnectionOptions options =
 *         wsman.createConnectionOptions().userName("admin").password(pw).build();
 *     Session session =
 *         wsman.createSession("https://service.corp.com", Set.of(SessionFlag.USE_BASIC), options)) {
 *   String config = session.get("http://schemas.microsoft.com/wbem/wsman/1/config");
 * }
 * }</pre>
 *
 * <p>{@link #createSession} validates and resolves the connection string, flags and options into a
 * {@link SessionPlan} ({@link #planSession} does only that) and returns a {@link Session}, which
 * connects on its first operation. The builder also holds the HTTPS trust material (the JDK trust
 * store by default), the connect timeout and the MaxEnvelopeSize announced to services.
 */
public final class WSMan {
  /** The MaxEnvelopeSize announced by default, as pywinrm: 153600 bytes. */
  public static final int DEFAULT_MAX_ENVELOPE_SIZE = 153600;

  private final AuthSelector authSelector;
  private final ClientSettings settings;

  private WSMan(Builder b) {
    this.authSelector = b.authSelector.build();
    this.settings =
        new ClientSettings(
            b.trustStore, b.connectTimeout, b.maxEnvelopeSize, b.allowUnencrypted, b.userAgent);
  }

  /** A builder for a workgroup client with no trusted hosts. */
  public static Builder builder() {
    return new Builder();
  }

  /** The selector of the default authentication rules. */
  public AuthSelector authSelector() {
    return authSelector;
  }

  /** A builder for connection options ({@code CreateConnectionOptions}). */
  public ConnectionOptions.Builder createConnectionOptions() {
    return ConnectionOptions.builder();
  }

  /**
   * A builder for a resource locator ({@code CreateResourceLocator}).
   *
   * @throws IllegalArgumentException if the URI is empty or not absolute
   */
  public ResourceLocator.Builder createResourceLocator(String resourceUri) {
    return ResourceLocator.builder(resourceUri);
  }

  /**
   * The text of a WSManFault code ({@code GetErrorMessage}), for every code of {@link
   * org.openrms.wsman.WsmanErrorCode}. A negative value is read as the unsigned 32-bit code it
   * stands for. An unknown code gets a text saying so; this method never throws.
   */
  public String getErrorMessage(long code) {
    return ErrorMessages.of(code);
  }

  /**
   * Resolves a session ({@code CreateSession}) with the flags as a Windows bit mask; if it throws,
   * the options are closed, as with {@link #createSession(String, Set, ConnectionOptions)}.
   *
   * @throws IllegalArgumentException for unknown flag bits, a malformed connection string or
   *     conflicting settings
   */
  public Session createSession(String connection, int flags, ConnectionOptions options) {
    return closingOnFailure(
        options, () -> createSession(connection, SessionFlag.fromBits(flags), options));
  }

  /**
   * Resolves a session with the flags as a Windows bit mask, without creating it.
   *
   * @throws IllegalArgumentException for unknown flag bits, a malformed connection string or
   *     conflicting settings
   */
  public SessionPlan planSession(String connection, int flags, ConnectionOptions options) {
    return planSession(connection, SessionFlag.fromBits(flags), options);
  }

  /**
   * Creates a session ({@code CreateSession}): resolves the plan as {@link #planSession} does and
   * returns a session on it. Nothing is contacted until the session's first operation.
   *
   * @param connection {@code <Transport><Address><Suffix>}; {@code null} or empty for the local
   *     computer (see {@link ConnectionString})
   * @param flags the session flags; none are needed for the local computer
   * @param options user name and password (or client certificate), or {@code null}; the session
   *     reads the password from them at each request, so close them only after the session. If this
   *     method throws, it closes them (zeroing the password), since no session will use them:
   *     options built inline would otherwise keep the password until collected
   * @throws IllegalArgumentException for a malformed connection string or conflicting settings,
   *     naming the problem
   * @throws IllegalStateException if the options are closed
   */
  public Session createSession(
      String connection, Set<SessionFlag> flags, ConnectionOptions options) {
    return closingOnFailure(
        options, () -> new Session(planSession(connection, flags, options), settings));
  }

  /** Runs {@code create}; if it throws, closes {@code options} (zeroing their password). */
  private static Session closingOnFailure(
      ConnectionOptions options, java.util.function.Supplier<Session> create) {
    try {
      return create.get();
    } catch (RuntimeException | Error e) {
      if (options != null) {
        options.close();
      }
      throw e;
    }
  }

  /**
   * Resolves a session without creating it: parses the connection string, checks the flags and
   * chooses the authentication mechanism, as {@link #createSession} does. Nothing is contacted.
   *
   * @param connection {@code <Transport><Address><Suffix>}; {@code null} or empty for the local
   *     computer (see {@link ConnectionString})
   * @param flags the session flags; none are needed for the local computer
   * @param options user name and password, or {@code null}
   * @throws IllegalArgumentException for a malformed connection string or conflicting settings,
   *     naming the problem
   * @throws IllegalStateException if the options are closed
   */
  public SessionPlan planSession(
      String connection, Set<SessionFlag> flags, ConnectionOptions options) {
    Objects.requireNonNull(flags, "flags");
    if (options != null && options.isClosed()) {
      throw new IllegalStateException("the connection options are closed");
    }
    if (flags.contains(SessionFlag.UTF8) && flags.contains(SessionFlag.UTF16)) {
      throw new IllegalArgumentException(
          "conflicting session settings: UTF8 and UTF16 cannot both be set");
    }
    ConnectionString parsed =
        ConnectionString.parse(connection, flags.contains(SessionFlag.USE_SSL));
    AuthMechanism mechanism = authSelector.select(parsed, flags, options);
    return new SessionPlan(parsed, flags, mechanism, options);
  }

  @Override
  public String toString() {
    return "WSMan[" + authSelector + "]";
  }

  /** Builds a {@link WSMan}. */
  public static final class Builder {
    private final AuthSelector.Builder authSelector = AuthSelector.builder();
    private KeyStore trustStore;
    private Duration connectTimeout = Duration.ofSeconds(30);
    private int maxEnvelopeSize = DEFAULT_MAX_ENVELOPE_SIZE;
    private boolean allowUnencrypted;
    private String userAgent = "OpenRMS WinRM client";

    private Builder() {}

    /**
     * The trusted CA certificates for HTTPS (a key store of trusted certificate entries); {@code
     * null}, the default, means the JDK trust store.
     */
    public Builder trustStore(KeyStore trustStore) {
      this.trustStore = trustStore;
      return this;
    }

    /** The longest wait for a TCP connection and a TLS handshake; 30 s by default. */
    public Builder connectTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the connect timeout must be positive");
      }
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * The MaxEnvelopeSize announced to services, in bytes: the largest response a service may send,
     * and the largest request sent until the service's own limit is known; 153600 by default.
     *
     * @throws IllegalArgumentException below 8192 (MS-WSMV 3.1.4.1.7)
     */
    public Builder maxEnvelopeSize(int bytes) {
      if (bytes < 8192) {
        throw new IllegalArgumentException("MaxEnvelopeSize must be at least 8192 bytes");
      }
      this.maxEnvelopeSize = bytes;
      return this;
    }

    /**
     * Whether Basic may send passwords over plain HTTP in every session (the client's {@code
     * AllowUnencrypted}); off by default, when only sessions with the NoEncryption flag may.
     */
    public Builder allowUnencrypted(boolean allow) {
      this.allowUnencrypted = allow;
      return this;
    }

    /** The User-Agent header; {@code OpenRMS WinRM client} by default. */
    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
      return this;
    }

    /** The trusted hosts ({@link TrustedHosts}); none by default. */
    public Builder trustedHosts(TrustedHosts trustedHosts) {
      authSelector.trustedHosts(trustedHosts);
      return this;
    }

    /** The trusted hosts as a {@code TrustedHosts} value such as {@code "*.corp.com,10.0.0.*"}. */
    public Builder trustedHosts(String trustedHosts) {
      authSelector.trustedHosts(trustedHosts);
      return this;
    }

    /** The client's Kerberos realm; {@code null} (the default) for a workgroup client. */
    public Builder kerberosRealm(String realm) {
      authSelector.kerberosRealm(realm);
      return this;
    }

    /** The entry object. */
    public WSMan build() {
      return new WSMan(this);
    }
  }
}
