package org.openrms.wsman.client;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code connectionOptions} of {@link WSMan#createSession}: the explicit credentials of a
 * session and, optionally, the authentication mechanism to use regardless of the default rules.
 * {@link WSMan#createConnectionOptions()} returns a {@link Builder}, the counterpart of the
 * scripting API's {@code WSMan.CreateConnectionOptions}.
 *
 * <p>Immutable except for one thing: {@link #close()} overwrites the password with zeros, after
 * which {@link #password()} fails. The password is copied in and out, never shared, and never
 * printed by {@link #toString()}.
 */
public final class ConnectionOptions implements AutoCloseable {
  private final String userName;
  private final char[] password;
  private final AuthMechanism authMechanism;
  private final PrivateKey clientKey;
  private final X509Certificate[] clientChain;
  private final boolean ntlmOnly;
  private final boolean spnegoWrappedNtlm;
  private volatile boolean closed;

  private ConnectionOptions(Builder b) {
    this.userName = b.userName;
    this.password = b.password == null ? null : b.password.clone();
    this.authMechanism = b.authMechanism;
    this.clientKey = b.clientKey;
    this.clientChain = b.clientChain;
    this.ntlmOnly = b.ntlmOnly;
    this.spnegoWrappedNtlm = b.spnegoWrappedNtlm;
  }

  /** A new builder with no user, no password and no mechanism override. */
  public static Builder builder() {
    return new Builder();
  }

  /** The user name, if credentials were given. */
  public Optional<String> userName() {
    return Optional.ofNullable(userName);
  }

  /** True if explicit credentials (a user name) were given. */
  public boolean hasCredentials() {
    return userName != null;
  }

  /**
   * A copy of the password (empty if none was set); the caller should zero it after use.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public char[] password() {
    if (closed) {
      throw new IllegalStateException("connection options are closed: the password was erased");
    }
    return password == null ? new char[0] : password.clone();
  }

  /** The mechanism that overrides the default rules, if one was set. */
  public Optional<AuthMechanism> authMechanism() {
    return Optional.ofNullable(authMechanism);
  }

  /** The client certificate's private key, for {@link AuthMechanism#CLIENT_CERTIFICATE}. */
  public Optional<PrivateKey> clientKey() {
    return Optional.ofNullable(clientKey);
  }

  /** A copy of the client certificate chain (the certificate first); empty if none was set. */
  public X509Certificate[] clientCertificateChain() {
    return clientChain == null ? new X509Certificate[0] : clientChain.clone();
  }

  /**
   * True if Negotiate must use NTLM, never Kerberos, even for a {@code user@REALM} whose realm has
   * a KDC (what {@code openrms wsman -a ntlm} asks for).
   */
  public boolean ntlmOnly() {
    return ntlmOnly;
  }

  /**
   * True if NTLM under Negotiate goes wrapped in SPNEGO tokens, as Windows clients send it, instead
   * of as raw NTLMSSP, as pywinrm sends it (the default; Windows accepts both).
   */
  public boolean spnegoWrappedNtlm() {
    return spnegoWrappedNtlm;
  }

  /** True after {@link #close()}. */
  public boolean isClosed() {
    return closed;
  }

  /** Overwrites the password with zeros. Idempotent; throws nothing. */
  @Override
  public void close() {
    closed = true;
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }

  /** The user and mechanism; never the password. */
  @Override
  public String toString() {
    return "ConnectionOptions[userName="
        + userName
        + ", password="
        + (password == null ? "none" : "***")
        + ", authMechanism="
        + authMechanism
        + (ntlmOnly ? ", ntlmOnly" : "")
        + (spnegoWrappedNtlm ? ", spnegoWrappedNtlm" : "")
        + (clientChain == null
            ? ""
            : ", clientCertificate=" + clientChain[0].getSubjectX500Principal().getName())
        + (closed ? ", closed" : "")
        + "]";
  }

  /**
   * Builds {@link ConnectionOptions}. Not thread-safe; {@link #build()} and {@link #clear()} erase
   * its copy of the password.
   */
  public static final class Builder {
    private String userName;
    private char[] password;
    private AuthMechanism authMechanism;
    private PrivateKey clientKey;
    private X509Certificate[] clientChain;
    private boolean ntlmOnly;
    private boolean spnegoWrappedNtlm;

    private Builder() {}

    /** Restricts Negotiate to NTLM (see {@link ConnectionOptions#ntlmOnly()}); off by default. */
    public Builder ntlmOnly(boolean ntlmOnly) {
      this.ntlmOnly = ntlmOnly;
      return this;
    }

    /**
     * Wraps NTLM in SPNEGO under Negotiate (see {@link ConnectionOptions#spnegoWrappedNtlm()}); off
     * by default: raw NTLMSSP.
     */
    public Builder spnegoWrappedNtlm(boolean wrapped) {
      this.spnegoWrappedNtlm = wrapped;
      return this;
    }

    /**
     * The TLS client certificate for {@link AuthMechanism#CLIENT_CERTIFICATE} (the {@code
     * https/mutual} profile): its private key and its chain, the certificate first.
     */
    public Builder clientCertificate(PrivateKey key, X509Certificate... chain) {
      Objects.requireNonNull(key, "key");
      if (chain == null || chain.length == 0) {
        throw new IllegalArgumentException("a client certificate needs at least one certificate");
      }
      this.clientKey = key;
      this.clientChain = chain.clone();
      return this;
    }

    /** The user name, such as {@code user}, {@code DOMAIN\\user} or {@code user@REALM}. */
    public Builder userName(String userName) {
      Objects.requireNonNull(userName, "userName");
      if (userName.isEmpty()) {
        throw new IllegalArgumentException("empty user name");
      }
      this.userName = userName;
      return this;
    }

    /** The password; the array is copied, so the caller may zero its own. */
    public Builder password(char[] password) {
      Objects.requireNonNull(password, "password");
      clearPassword();
      this.password = password.clone();
      return this;
    }

    /**
     * Forces a mechanism instead of the default rules; the only way to ask for {@link
     * AuthMechanism#CLIENT_CERTIFICATE}. A different {@code Use*} session flag is a conflict.
     */
    public Builder authMechanism(AuthMechanism authMechanism) {
      this.authMechanism = Objects.requireNonNull(authMechanism, "authMechanism");
      return this;
    }

    /** Overwrites the builder's copy of the password with zeros and forgets it. */
    public Builder clear() {
      clearPassword();
      return this;
    }

    private void clearPassword() {
      if (password != null) {
        Arrays.fill(password, '\0');
        password = null;
      }
    }

    /**
     * The options. The password moves into them: the builder's copy is zeroed and forgotten, also
     * when this method throws, so that a builder used inline ({@code
     * builder().userName(u).password(p).build()}) leaves no copy behind; building again needs the
     * password set again.
     *
     * @throws IllegalStateException for a password without a user name
     */
    public ConnectionOptions build() {
      try {
        if (password != null && userName == null) {
          throw new IllegalStateException("a password was set without a user name");
        }
        return new ConnectionOptions(this);
      } finally {
        clearPassword();
      }
    }
  }
}
