package org.openrms.rms.server;

import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of an {@link LdapDirectory}: where the directory is, how the server binds to it, and
 * which attributes hold what. Built with {@link #builder(Flavor, String, int, String)}.
 *
 * <p>Connections use LDAPS (TLS from the first byte, the host name checked against the directory's
 * certificate) with the configured trust store, or the JDK's default trust store. Plain LDAP sends
 * the service password and every user's password in clear, so it is used only when {@link
 * Builder#plainLdap(boolean)} asks for it.
 */
public final class LdapDirectoryConfig {
  /** Default connect timeout: 5 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Default response timeout of one operation: 10 seconds. */
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);

  /** Default size of the connection pool: 8. */
  public static final int DEFAULT_MAX_CONNECTIONS = 8;

  /** What kind of directory it is. */
  public enum Flavor {
    /**
     * A plain LDAP directory (OpenLDAP, 389 …): account names in {@code uid}, users of class {@code
     * inetOrgPerson}, disabled accounts marked by a configurable attribute.
     */
    LDAP("uid", "inetOrgPerson"),
    /**
     * Active Directory: account names in {@code sAMAccountName}, also found by {@code
     * userPrincipalName} and by SID ({@code objectSid} or {@code sIDHistory}); users of class
     * {@code user}; disabled when {@code userAccountControl} has ACCOUNTDISABLE (0x2).
     */
    ACTIVE_DIRECTORY("sAMAccountName", "user");

    private final String accountNameAttribute;
    private final String userObjectClass;

    Flavor(String accountNameAttribute, String userObjectClass) {
      this.accountNameAttribute = accountNameAttribute;
      this.userObjectClass = userObjectClass;
    }
  }

  private final Flavor flavor;
  private final String host;
  private final int port;
  private final String baseDn;
  private final String bindDn;
  private final char[] bindPassword;
  private final boolean plainLdap;
  private final KeyStore trustStore;
  private final String accountNameAttribute;
  private final String userObjectClass;
  private final String mailAttribute;
  private final String displayNameAttribute;
  private final String disabledAttribute;
  private final Duration connectTimeout;
  private final Duration responseTimeout;
  private final int maxConnections;

  private LdapDirectoryConfig(Builder b) {
    this.flavor = b.flavor;
    this.host = b.host;
    this.port = b.port;
    this.baseDn = b.baseDn;
    this.bindDn = b.bindDn;
    this.bindPassword = b.bindPassword.clone();
    this.plainLdap = b.plainLdap;
    this.trustStore = b.trustStore;
    this.accountNameAttribute =
        b.accountNameAttribute != null ? b.accountNameAttribute : flavor.accountNameAttribute;
    this.userObjectClass = b.userObjectClassSet ? b.userObjectClass : flavor.userObjectClass;
    this.mailAttribute = b.mailAttribute;
    this.displayNameAttribute = b.displayNameAttribute;
    this.disabledAttribute = b.disabledAttribute;
    this.connectTimeout = b.connectTimeout;
    this.responseTimeout = b.responseTimeout;
    this.maxConnections = b.maxConnections;
  }

  /**
   * A builder.
   *
   * @param flavor plain LDAP or Active Directory
   * @param host the directory's host name (for LDAPS it must match the directory's certificate)
   * @param port its port, such as 636 (LDAPS), 3269 (AD global catalog over TLS) or 389
   * @param baseDn where users are searched (subtree), such as {@code dc=example,dc=com}
   */
  public static Builder builder(Flavor flavor, String host, int port, String baseDn) {
    return new Builder(flavor, host, port, baseDn);
  }

  /** The directory flavor. */
  public Flavor flavor() {
    return flavor;
  }

  /** The host name. */
  public String host() {
    return host;
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** The search base. */
  public String baseDn() {
    return baseDn;
  }

  /** The DN the server binds as to search. */
  public String bindDn() {
    return bindDn;
  }

  /** A copy of the service password; the caller zeroes it. */
  public char[] bindPassword() {
    return bindPassword.clone();
  }

  /** {@code true} if connections are plain LDAP (no TLS). */
  public boolean plainLdap() {
    return plainLdap;
  }

  /** The trust store for LDAPS, or empty for the JDK's default. */
  public Optional<KeyStore> trustStore() {
    return Optional.ofNullable(trustStore);
  }

  /** The attribute holding account names ({@code uid}, {@code sAMAccountName} by default). */
  public String accountNameAttribute() {
    return accountNameAttribute;
  }

  /** The object class user entries must have, or empty for any entry. */
  public Optional<String> userObjectClass() {
    return Optional.ofNullable(userObjectClass);
  }

  /** The e-mail attribute; default {@code mail}. */
  public String mailAttribute() {
    return mailAttribute;
  }

  /** The display-name attribute; default {@code displayName} ({@code cn} if it is absent). */
  public String displayNameAttribute() {
    return displayNameAttribute;
  }

  /**
   * For plain LDAP, the attribute that marks a disabled account when its value is {@code TRUE}
   * (case-insensitive), such as {@code nsAccountLock}; empty if none is configured.
   */
  public Optional<String> disabledAttribute() {
    return Optional.ofNullable(disabledAttribute);
  }

  /** The connect timeout. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The response timeout of one operation. */
  public Duration responseTimeout() {
    return responseTimeout;
  }

  /** The most connections the pool keeps. */
  public int maxConnections() {
    return maxConnections;
  }

  @Override
  public String toString() {
    return "LdapDirectoryConfig["
        + flavor
        + " "
        + (plainLdap ? "ldap" : "ldaps")
        + "://"
        + host
        + ":"
        + port
        + " base="
        + baseDn
        + " bind="
        + bindDn
        + "]";
  }

  /** Builder of {@link LdapDirectoryConfig}. Not thread-safe. */
  public static final class Builder {
    private final Flavor flavor;
    private final String host;
    private final int port;
    private final String baseDn;
    private String bindDn;
    private char[] bindPassword;
    private boolean plainLdap;
    private KeyStore trustStore;
    private String accountNameAttribute;
    private String userObjectClass;
    private boolean userObjectClassSet;
    private String mailAttribute = "mail";
    private String displayNameAttribute = "displayName";
    private String disabledAttribute;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;

    private Builder(Flavor flavor, String host, int port, String baseDn) {
      this.flavor = Objects.requireNonNull(flavor, "flavor");
      this.host = notBlank(host, "host");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be within 1..65535: " + port);
      }
      this.port = port;
      this.baseDn = Objects.requireNonNull(baseDn, "baseDn");
    }

    /**
     * The service account the server binds as to search (required). The password array is copied;
     * the caller may zero its own.
     */
    public Builder serviceAccount(String bindDn, char[] password) {
      this.bindDn = notBlank(bindDn, "bindDn");
      Objects.requireNonNull(password, "password");
      if (password.length == 0) {
        throw new IllegalArgumentException("the service account password must not be empty");
      }
      if (bindPassword != null) {
        Arrays.fill(bindPassword, '\0');
      }
      this.bindPassword = password.clone();
      return this;
    }

    /**
     * Connect with plain LDAP instead of LDAPS; default {@code false}. Passwords then cross the
     * network in clear: for a directory on the same host or in tests only.
     */
    public Builder plainLdap(boolean plain) {
      this.plainLdap = plain;
      return this;
    }

    /** The trust anchors for the directory's LDAPS certificate; default the JDK's trust store. */
    public Builder trustStore(KeyStore trustStore) {
      this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
      return this;
    }

    /** The account-name attribute; default {@code uid} (LDAP) or {@code sAMAccountName} (AD). */
    public Builder accountNameAttribute(String attribute) {
      this.accountNameAttribute = notBlank(attribute, "accountNameAttribute");
      return this;
    }

    /**
     * The object class of user entries; default {@code inetOrgPerson} (LDAP) or {@code user} (AD);
     * {@code null} accepts any entry.
     */
    public Builder userObjectClass(String objectClass) {
      this.userObjectClass = objectClass;
      this.userObjectClassSet = true;
      return this;
    }

    /** The e-mail attribute; default {@code mail}. */
    public Builder mailAttribute(String attribute) {
      this.mailAttribute = notBlank(attribute, "mailAttribute");
      return this;
    }

    /** The display-name attribute; default {@code displayName}. */
    public Builder displayNameAttribute(String attribute) {
      this.displayNameAttribute = notBlank(attribute, "displayNameAttribute");
      return this;
    }

    /**
     * For plain LDAP: the attribute whose value {@code TRUE} marks a disabled account (such as
     * {@code nsAccountLock}); default none. Active Directory always uses {@code
     * userAccountControl}.
     */
    public Builder disabledAttribute(String attribute) {
      this.disabledAttribute = attribute;
      return this;
    }

    /** The connect timeout; default 5 seconds. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** The response timeout of one LDAP operation; default 10 seconds. */
    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = positive(timeout, "responseTimeout");
      return this;
    }

    /** The most pooled connections, 1 to 100; default 8. */
    public Builder maxConnections(int max) {
      if (max < 1 || max > 100) {
        throw new IllegalArgumentException("maxConnections must be within 1..100: " + max);
      }
      this.maxConnections = max;
      return this;
    }

    /**
     * Builds the settings and zeroes the builder's password copy.
     *
     * @throws IllegalStateException without a service account
     */
    public LdapDirectoryConfig build() {
      if (bindDn == null || bindPassword == null) {
        throw new IllegalStateException("serviceAccount(bindDn, password) is required");
      }
      LdapDirectoryConfig c = new LdapDirectoryConfig(this);
      Arrays.fill(bindPassword, '\0');
      bindPassword = null;
      return c;
    }

    private static String notBlank(String s, String name) {
      Objects.requireNonNull(s, name);
      if (s.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return s;
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
