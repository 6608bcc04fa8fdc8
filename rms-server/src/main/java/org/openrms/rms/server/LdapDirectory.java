package org.openrms.rms.server;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.SocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.openrms.rms.server.internal.ldap.Sids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link IdentityDirectory} in plain LDAP or Active Directory, with the UnboundID LDAP SDK.
 *
 * <p>The server binds as a service account over a pool of connections (LDAPS unless plain LDAP was
 * configured) and searches the base DN (subtree) with equality filters built by {@link
 * Filter#createEqualityFilter}, so a login like {@code *)(uid=*} is a value, never filter syntax.
 * Entries are found by account name ({@code uid} or {@code sAMAccountName}), by {@code
 * userPrincipalName} (AD; a Basic login with {@code @}), or by SID ({@code objectSid} or {@code
 * sIDHistory}, AD). Exactly one entry must match; none or several mean no entry.
 *
 * <p>A Basic password is checked by binding as the found entry's DN (the server never compares
 * passwords); empty passwords are refused before anything is sent, because LDAP treats a simple
 * bind with an empty password as an anonymous bind. Active Directory refuses the bind of a disabled
 * account itself, so there a disabled user gets 401; a directory that lets the bind pass gets
 * {@code REQUEST_DENIED} from the disabled flag.
 *
 * <p>The entry's e-mail is the first {@code mail} value, counted as verified (the directory's
 * administrators keep it). A directory that cannot be reached, times out or refuses the service
 * bind raises {@link DirectoryUnavailableException}. Thread-safe; {@link #close()} closes the pool.
 */
public final class LdapDirectory implements IdentityDirectory, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LdapDirectory.class);
  private static final int ACCOUNTDISABLE = 0x2;
  private static final int MAX_DISPLAY_NAME = 256;

  private final LdapDirectoryConfig config;
  private final LDAPConnectionPool pool;
  private final String[] attributes;

  private LdapDirectory(LdapDirectoryConfig config, LDAPConnectionPool pool) {
    this.config = config;
    this.pool = pool;
    List<String> attrs = new ArrayList<>();
    attrs.add(config.accountNameAttribute());
    attrs.add(config.mailAttribute());
    attrs.add(config.displayNameAttribute());
    attrs.add("cn");
    if (config.flavor() == LdapDirectoryConfig.Flavor.ACTIVE_DIRECTORY) {
      attrs.add("userAccountControl");
    }
    config.disabledAttribute().ifPresent(attrs::add);
    this.attributes = attrs.toArray(new String[0]);
  }

  /**
   * Sets up the pool. No connection is required to succeed here: a directory that is down when the
   * server starts answers 503 until it comes back.
   *
   * @throws IllegalArgumentException if the trust store cannot be used
   */
  public static LdapDirectory open(LdapDirectoryConfig config) {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis((int) Math.min(Integer.MAX_VALUE, millis(config, true)));
    options.setResponseTimeoutMillis(millis(config, false));
    SocketFactory sockets = null;
    if (!config.plainLdap()) {
      try {
        sockets = new SSLUtil(trustManagers(config)).createSSLSocketFactory();
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot set up LDAPS: " + e.getMessage(), e);
      }
      options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
    }
    SingleServerSet servers = new SingleServerSet(config.host(), config.port(), sockets, options);
    char[] pw = config.bindPassword();
    byte[] pwBytes = utf8(pw);
    Arrays.fill(pw, '\0');
    BindRequest bind = new SimpleBindRequest(config.bindDn(), pwBytes);
    try {
      LDAPConnectionPool pool =
          new LDAPConnectionPool(servers, bind, 0, config.maxConnections(), null, false);
      pool.setConnectionPoolName("openrms-directory");
      pool.setMaxWaitTimeMillis(millis(config, false));
      pool.setRetryFailedOperationsDueToInvalidConnections(
          EnumSet.of(OperationType.SEARCH, OperationType.BIND));
      LOG.info("identity directory: {}", config);
      return new LdapDirectory(config, pool);
    } catch (LDAPException e) {
      throw new IllegalStateException("cannot set up the LDAP connection pool: " + e, e);
    }
  }

  /** The settings this directory was opened with. */
  public LdapDirectoryConfig config() {
    return config;
  }

  @Override
  public Optional<DirectoryEntry> verifyPassword(String login, char[] password) {
    if (login == null || login.isEmpty() || password == null || password.length == 0) {
      return Optional.empty();
    }
    Optional<SearchResultEntry> found = search(principalOfLogin(login));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    byte[] pw;
    try {
      pw = utf8(password);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    try {
      pool.bindAndRevertAuthentication(new SimpleBindRequest(found.get().getDN(), pw));
    } catch (LDAPException e) {
      ResultCode rc = e.getResultCode();
      if (rc == ResultCode.INVALID_CREDENTIALS
          || rc == ResultCode.INAPPROPRIATE_AUTHENTICATION
          || rc == ResultCode.UNWILLING_TO_PERFORM
          || rc == ResultCode.INVALID_DN_SYNTAX) {
        return Optional.empty();
      }
      throw unavailable("bind", e);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
    return Optional.of(toEntry(found.get(), login));
  }

  @Override
  public Optional<DirectoryEntry> lookup(DirectoryPrincipal principal) {
    return search(principal).map(e -> toEntry(e, principal.name()));
  }

  /** Closes the connection pool. */
  @Override
  public void close() {
    pool.close();
  }

  /** A Basic login: a UPN if it has an {@code @} (AD), the part after {@code DOMAIN\} (AD). */
  private DirectoryPrincipal principalOfLogin(String login) {
    if (config.flavor() == LdapDirectoryConfig.Flavor.ACTIVE_DIRECTORY) {
      if (login.indexOf('@') > 0) {
        return DirectoryPrincipal.userPrincipalName(login);
      }
      int slash = login.indexOf('\\');
      if (slash >= 0) {
        return DirectoryPrincipal.accountName(login.substring(slash + 1));
      }
    }
    return DirectoryPrincipal.accountName(login);
  }

  private Optional<Filter> filterFor(DirectoryPrincipal p) {
    boolean ad = config.flavor() == LdapDirectoryConfig.Flavor.ACTIVE_DIRECTORY;
    String name = p.name();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    switch (p.kind()) {
      case SID:
        if (!ad) {
          return Optional.empty();
        }
        return Sids.toBinary(name)
            .map(
                sid ->
                    Filter.createORFilter(
                        Filter.createEqualityFilter("objectSid", sid),
                        Filter.createEqualityFilter("sIDHistory", sid)));
      case USER_PRINCIPAL_NAME:
        if (ad) {
          return Optional.of(Filter.createEqualityFilter("userPrincipalName", name));
        }
        int at = name.indexOf('@');
        return Optional.of(
            Filter.createEqualityFilter(
                config.accountNameAttribute(), at > 0 ? name.substring(0, at) : name));
      default:
        return Optional.of(Filter.createEqualityFilter(config.accountNameAttribute(), name));
    }
  }

  private Optional<SearchResultEntry> search(DirectoryPrincipal principal) {
    Optional<Filter> byName = filterFor(principal);
    if (byName.isEmpty()) {
      return Optional.empty();
    }
    Filter filter =
        config
            .userObjectClass()
            .map(
                oc ->
                    Filter.createANDFilter(
                        Filter.createEqualityFilter("objectClass", oc), byName.get()))
            .orElse(byName.get());
    SearchRequest request = new SearchRequest(config.baseDn(), SearchScope.SUB, filter, attributes);
    request.setSizeLimit(2);
    request.setTimeLimitSeconds((int) Math.max(1, millis(config, false) / 1000));
    SearchResult result;
    try {
      result = pool.search(request);
    } catch (LDAPSearchException e) {
      if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
        LOG.warn("several directory entries match one {}; none is used", principal.kind());
        return Optional.empty();
      }
      throw unavailable("search", e);
    } catch (LDAPException e) {
      throw unavailable("search", e);
    }
    List<SearchResultEntry> entries = result.getSearchEntries();
    if (entries.size() > 1) {
      LOG.warn("several directory entries match one {}; none is used", principal.kind());
    }
    return entries.size() == 1 ? Optional.of(entries.get(0)) : Optional.empty();
  }

  private DirectoryEntry toEntry(SearchResultEntry e, String fallbackLogin) {
    String login = e.getAttributeValue(config.accountNameAttribute());
    if (login == null || login.isEmpty()) {
      login = fallbackLogin;
    }
    String mail = e.getAttributeValue(config.mailAttribute());
    String display = e.getAttributeValue(config.displayNameAttribute());
    if (display == null || display.isBlank()) {
      display = e.getAttributeValue("cn");
    }
    display = printable(display == null || display.isBlank() ? login : display);
    return new DirectoryEntry(login, mail, display.isEmpty() ? "user" : display, true, enabled(e));
  }

  private boolean enabled(SearchResultEntry e) {
    if (config.flavor() == LdapDirectoryConfig.Flavor.ACTIVE_DIRECTORY) {
      String uac = e.getAttributeValue("userAccountControl");
      if (uac == null) {
        return true;
      }
      try {
        return (Long.parseLong(uac.strip()) & ACCOUNTDISABLE) == 0;
      } catch (NumberFormatException ex) {
        return false; // unreadable flags: fail closed
      }
    }
    return config
        .disabledAttribute()
        .map(a -> e.getAttributeValue(a))
        .map(v -> !v.strip().toUpperCase(Locale.ROOT).equals("TRUE"))
        .orElse(true);
  }

  private static String printable(String s) {
    String clean =
        s.codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
            .strip();
    return clean.length() > MAX_DISPLAY_NAME ? clean.substring(0, MAX_DISPLAY_NAME) : clean;
  }

  private DirectoryUnavailableException unavailable(String operation, LDAPException e) {
    LOG.warn(
        "the LDAP directory {}:{} failed a {}: {}",
        config.host(),
        config.port(),
        operation,
        e.getResultCode());
    return new DirectoryUnavailableException(
        "the directory "
            + config.host()
            + ":"
            + config.port()
            + " is unavailable ("
            + e.getResultCode().getName()
            + ")",
        e);
  }

  private static TrustManager[] trustManagers(LdapDirectoryConfig config)
      throws GeneralSecurityException {
    if (config.trustStore().isEmpty()) {
      return new TrustManager[] {JVMDefaultTrustManager.getInstance()};
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(config.trustStore().get());
    return tmf.getTrustManagers();
  }

  private static long millis(LdapDirectoryConfig config, boolean connect) {
    return (connect ? config.connectTimeout() : config.responseTimeout()).toMillis();
  }

  private static byte[] utf8(char[] chars) {
    try {
      ByteBuffer b = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(chars));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      if (b.hasArray()) {
        Arrays.fill(b.array(), (byte) 0);
      }
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the password is not valid UTF-16", e);
    }
  }
}
