package org.openrms.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.server.KdcConfigKey;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;

/**
 * A Kerby KDC for {@link #REALM} on 127.0.0.1 (TCP, random port), started once per test JVM because
 * the JDK reads its krb5 configuration once. Our own krb5.conf (never /etc/krb5.conf) sets {@code
 * udp_preference_limit = 1} and a {@code clockskew} of {@link #CLOCK_SKEW_S} seconds so expiry can
 * be tested in seconds: {@link #shortTickets} makes the KDC issue tickets that live {@link
 * #SHORT_LIFETIME_S} seconds.
 */
final class TestKdc {
  static final String REALM = "OPENRMS.TEST";
  static final int SHORT_LIFETIME_S = 2;
  static final int CLOCK_SKEW_S = 2;
  static final String ALICE = "alice@" + REALM;
  static final String ALICE_PASSWORD = "Alice-Pa55word";
  static final String BOB = "bob@" + REALM;
  static final String BOB_PASSWORD = "Bob-Pa55word";
  static final String CLIENT_SVC = "svc-client@" + REALM;
  static final String HTTP = "HTTP/localhost@" + REALM;
  static final String OTHER = "HTTP/other.test@" + REALM;
  static final String STALE = "HTTP/stale.test@" + REALM;

  private static TestKdc instance;

  final Path dir;
  final SimpleKdcServer kdc;
  final Path httpKeytab;
  final Path clientKeytab;
  final Path staleKeytab;
  final Path krb5Conf;

  /** The shared KDCs, started on first use. */
  static synchronized TestKdc get() {
    if (instance == null) {
      try {
        instance = new TestKdc();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (KrbException e) {
        throw new IllegalStateException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
    }
    return instance;
  }

  private TestKdc() throws IOException, KrbException {
    dir = Files.createTempDirectory("openrms-kdc");
    int port = freePort();
    kdc = start(REALM, port);
    kdc.createPrincipal(ALICE, ALICE_PASSWORD);
    kdc.createPrincipal(CLIENT_SVC, "unused-" + System.nanoTime());
    kdc.createPrincipal(HTTP, "unused-" + System.nanoTime());
    kdc.createPrincipal(OTHER, "unused-" + System.nanoTime());
    kdc.createPrincipal(STALE, "first-" + System.nanoTime());
    httpKeytab = export(kdc, HTTP, "http.keytab");
    clientKeytab = export(kdc, CLIENT_SVC, "client.keytab");
    staleKeytab = export(kdc, STALE, "stale.keytab");
    kdc.deletePrincipal(STALE); // new keys: the exported keytab no longer matches
    kdc.createPrincipal(STALE, "second-" + System.nanoTime());
    kdc.createPrincipal(BOB, BOB_PASSWORD);

    Path conf = dir.resolve("krb5.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "[libdefaults]",
            "  default_realm = " + REALM,
            "  udp_preference_limit = 1",
            "  dns_lookup_kdc = false",
            "  dns_lookup_realm = false",
            "  dns_canonicalize_hostname = false",
            "  rdns = false",
            "  clockskew = " + CLOCK_SKEW_S,
            "",
            "[realms]",
            "  " + REALM + " = {",
            "    kdc = 127.0.0.1:" + port,
            "  }",
            ""));
    System.setProperty("java.security.krb5.conf", conf.toString());
    krb5Conf = conf; // child MIT tools would get it as KRB5_CONFIG
  }

  private SimpleKdcServer start(String realm, int port) throws IOException, KrbException {
    Path work = Files.createDirectories(dir.resolve(realm));
    SimpleKdcServer s = new SimpleKdcServer();
    s.setWorkDir(work.toFile());
    s.setKdcRealm(realm);
    s.setKdcHost("127.0.0.1");
    s.setAllowUdp(false);
    s.setKdcTcpPort(port);
    s.init();
    s.start();
    return s;
  }

  /**
   * Runs {@code action} while the KDC issues tickets of {@link #SHORT_LIFETIME_S} seconds (tests
   * run one at a time in this JVM).
   */
  synchronized <T> T shortTickets(java.util.function.Supplier<T> action) {
    Long max = kdc.getKdcConfig().getMaximumTicketLifetime();
    Long min = kdc.getKdcConfig().getMinimumTicketLifetime();
    kdc.getKdcConfig().setLong(KdcConfigKey.MAXIMUM_TICKET_LIFETIME, (long) SHORT_LIFETIME_S);
    kdc.getKdcConfig().setLong(KdcConfigKey.MINIMUM_TICKET_LIFETIME, 0L);
    try {
      return action.get();
    } finally {
      kdc.getKdcConfig().setLong(KdcConfigKey.MAXIMUM_TICKET_LIFETIME, max);
      kdc.getKdcConfig().setLong(KdcConfigKey.MINIMUM_TICKET_LIFETIME, min);
    }
  }

  private Path export(SimpleKdcServer s, String principal, String file) throws KrbException {
    Path keytab = dir.resolve(file);
    s.exportPrincipal(principal, keytab.toFile());
    return keytab;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void stop() {
    try {
      kdc.stop();
    } catch (KrbException e) {
      // the JVM is exiting
    }
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }
}
