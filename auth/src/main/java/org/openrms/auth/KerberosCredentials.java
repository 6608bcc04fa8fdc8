package org.openrms.auth;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.kerberos.KeyTab;
import javax.security.auth.login.LoginException;
import org.openrms.auth.internal.kerberos.Jaas;
import org.openrms.auth.internal.kerberos.KrbFailures;

/**
 * Kerberos credentials, logged in at creation through the JDK's {@code Krb5LoginModule} configured
 * in code: an initiator's ticket-granting ticket (from the ticket cache, a keytab or a password) or
 * an acceptor's service keys (from a keytab). One instance serves any number of {@link Kerberos}
 * contexts; {@link #close()} destroys the tickets and keys.
 *
 * <p>The realm and KDCs come from the JDK's krb5 configuration ({@code -Djava.security.krb5.conf},
 * else {@code /etc/krb5.conf}).
 *
 * <pre>{@code
 * KerberosCredentials user = KerberosCredentials.ticketCache();            // kinit'ed user
 * KerberosCredentials svc = KerberosCredentials.acceptorKeytab(
 *     "HTTP/host.example.com@EXAMPLE.COM", Path.of("/etc/openrms/http.keytab"));
 * }</pre>
 *
 * @throws SecurityContextException from the factories: BAD_CREDENTIALS (wrong password, unknown
 *     principal, no usable cache or key), EXPIRED (password or ticket expired)
 */
public final class KerberosCredentials implements AutoCloseable {
  private final Subject subject;
  private final String principal;
  private final boolean acceptor;
  private volatile boolean closed;

  private KerberosCredentials(Subject subject, String principal, boolean acceptor) {
    this.subject = subject;
    this.principal = principal;
    this.acceptor = acceptor;
  }

  /** The user's default ticket cache ({@code KRB5CCNAME}, else the platform default). */
  public static KerberosCredentials ticketCache() {
    return fromCache(null);
  }

  /** The ticket cache file {@code ccache}. */
  public static KerberosCredentials ticketCache(Path ccache) {
    return fromCache(Objects.requireNonNull(ccache, "ccache").toString());
  }

  private static KerberosCredentials fromCache(String file) {
    Map<String, String> o = initiatorOptions();
    o.put("useTicketCache", "true");
    if (file != null) {
      o.put("ticketCache", file);
    }
    return login(o, null, null, false, "ticket cache");
  }

  /** An initiator that gets its ticket-granting ticket with {@code principal}'s keytab keys. */
  public static KerberosCredentials keytab(String principal, Path keytab) {
    Map<String, String> o = initiatorOptions();
    o.put("useKeyTab", "true");
    o.put("keyTab", Objects.requireNonNull(keytab, "keytab").toString());
    o.put("principal", Objects.requireNonNull(principal, "principal"));
    return login(o, null, null, false, "keytab login of " + principal);
  }

  /**
   * An initiator that gets its ticket-granting ticket with a password.
   *
   * @param password read during this call only; the caller still owns (and zeroes) it
   */
  public static KerberosCredentials password(String principal, char[] password) {
    Map<String, String> o = initiatorOptions();
    o.put("principal", Objects.requireNonNull(principal, "principal"));
    Objects.requireNonNull(password, "password");
    return login(o, principal, password, false, "password login of " + principal);
  }

  /**
   * An acceptor with the keys of {@code principal} from a keytab.
   *
   * @param principal the service principal, e.g. {@code HTTP/host.example.com@EXAMPLE.COM}, or
   *     {@code "*"} to accept tickets for any principal the keytab holds keys for
   */
  public static KerberosCredentials acceptorKeytab(String principal, Path keytab) {
    Map<String, String> o = new HashMap<>();
    o.put("isInitiator", "false");
    o.put("useKeyTab", "true");
    o.put("storeKey", "true");
    o.put("doNotPrompt", "true");
    o.put("keyTab", Objects.requireNonNull(keytab, "keytab").toString());
    o.put("principal", Objects.requireNonNull(principal, "principal"));
    KerberosCredentials c = login(o, null, null, true, "keytab of " + principal);
    boolean usable =
        c.subject.getPrivateCredentials(KeyTab.class).stream()
            .anyMatch(k -> k.exists() && ("*".equals(principal) || hasKeys(k, principal)));
    if (!usable) {
      c.close();
      throw new SecurityContextException(
          SecurityContextException.Reason.BAD_CREDENTIALS,
          "the keytab " + keytab + " has no key for " + principal);
    }
    return c;
  }

  private static boolean hasKeys(KeyTab keytab, String principal) {
    KerberosKey[] keys = keytab.getKeys(new KerberosPrincipal(principal));
    for (KerberosKey k : keys) {
      try {
        k.destroy();
      } catch (DestroyFailedException e) {
        // left to the collector
      }
    }
    return keys.length > 0;
  }

  private static Map<String, String> initiatorOptions() {
    Map<String, String> o = new HashMap<>();
    o.put("isInitiator", "true");
    o.put("refreshKrb5Config", "false");
    o.put("doNotPrompt", "true");
    return o;
  }

  private static KerberosCredentials login(
      Map<String, String> options, String name, char[] password, boolean acceptor, String what) {
    if (password != null) {
      options.put("doNotPrompt", "false");
    }
    try {
      Subject s = Jaas.login(options, name, password);
      String principal =
          s.getPrincipals(KerberosPrincipal.class).stream()
              .map(KerberosPrincipal::getName)
              .findFirst()
              .orElse(options.getOrDefault("principal", "*"));
      return new KerberosCredentials(s, principal, acceptor);
    } catch (LoginException e) {
      throw KrbFailures.of(e, what);
    }
  }

  /** The principal these credentials authenticate as ({@code user@REALM}, or the service). */
  public String principal() {
    return principal;
  }

  /** Whether these are acceptor (service) credentials. */
  public boolean isAcceptor() {
    return acceptor;
  }

  /** The logged-in subject; for {@link Kerberos} only. */
  Subject subject() {
    if (closed) {
      throw new SecurityContextException(
          SecurityContextException.Reason.STATE, "the Kerberos credentials are closed");
    }
    return subject;
  }

  /** Fails with EXPIRED when the initiator's ticket-granting ticket has run out. */
  void checkTgtCurrent() {
    boolean any = false;
    for (KerberosTicket t : subject().getPrivateCredentials(KerberosTicket.class)) {
      if (t.getServer().getName().startsWith("krbtgt/")) {
        any = true;
        if (t.isCurrent()) {
          return;
        }
      }
    }
    if (any) {
      throw new SecurityContextException(
          SecurityContextException.Reason.EXPIRED,
          "the ticket-granting ticket of " + principal + " expired");
    }
  }

  /** Destroys the tickets and keys; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Object c : subject.getPrivateCredentials().toArray()) {
      if (c instanceof Destroyable d) {
        try {
          d.destroy();
        } catch (DestroyFailedException e) {
          // a KeyTab handle cannot be destroyed; it holds no key material itself
        }
      }
    }
    subject.getPrivateCredentials().clear();
  }
}
