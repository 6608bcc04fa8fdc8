package org.openrms.wsman.client;

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
 *     wsman.createConnectionOptions().userName("admin").password(pw).build()) {
 *   SessionPlan plan =
 *       wsman.createSession("https://service.corp.com", Set.of(SessionFlag.USE_BASIC), options);
 * }
 * }</pre>
 *
 * <p>This release stops at {@link SessionPlan}: {@link #createSession} validates and resolves the
 * connection string, flags and options but opens no connection. The network {@code Session}
 * (Identify, Get, Put, Create, Delete, Enumerate, Invoke, shells) comes in a later release.
 */
public final class WSMan {
  private final AuthSelector authSelector;

  private WSMan(Builder b) {
    this.authSelector = b.authSelector.build();
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
   * Resolves a session ({@code CreateSession}) with the flags as a Windows bit mask.
   *
   * @throws IllegalArgumentException for unknown flag bits, a malformed connection string or
   *     conflicting settings
   */
  public SessionPlan createSession(String connection, int flags, ConnectionOptions options) {
    return createSession(connection, SessionFlag.fromBits(flags), options);
  }

  /**
   * Resolves a session ({@code CreateSession}): parses the connection string, checks the flags and
   * chooses the authentication mechanism. Nothing is contacted.
   *
   * @param connection {@code <Transport><Address><Suffix>}; {@code null} or empty for the local
   *     computer (see {@link ConnectionString})
   * @param flags the session flags; none are needed for the local computer
   * @param options user name and password, or {@code null}
   * @throws IllegalArgumentException for a malformed connection string or conflicting settings,
   *     naming the problem
   * @throws IllegalStateException if the options are closed
   */
  public SessionPlan createSession(
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

    private Builder() {}

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
