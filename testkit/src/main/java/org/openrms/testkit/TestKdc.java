package org.openrms.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.client.KrbClient;
import org.apache.kerby.kerberos.kerb.server.KdcConfigKey;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.apache.kerby.kerberos.kerb.type.ticket.TgtTicket;

/**
 * A Kerby KDC for {@link #REALM} on 127.0.0.1 (TCP, random port), one per test JVM because the JDK
 * reads its krb5 configuration once; our own krb5.conf (never /etc/krb5.conf) with a clock skew of
 * {@link #CLOCK_SKEW_S} seconds, so that {@link #shortTickets} can make tickets expire in seconds.
 * Principals: users {@link #ALICE}, {@link #CAROL}, {@link #NOBODY}; services {@link #HTTP} (keytab
 * {@link #httpKeytab}) and {@link #OTHER}.
 */
public final class TestKdc {
  /** The realm. */
  public static final String REALM = "OPENRMS.TEST";

  /** The clock skew allowed, in seconds. */
  public static final int CLOCK_SKEW_S = 2;

  /** A user principal. */
  public static final String CAT = "cat@" + REALM;

  /** A user principal. */
  public static final String CARL = "carl@" + REALM;

  /** A user principal. */
  public static final String NOBODY = "nobody@" + REALM;

  /** The password of every user principal. */
  public static final String USER_PASSWORD = "Kerberos-Pa55word";

  /** The service principal with a keytab. */
  public static final String HTTP = "HTTP/localhost@" + REALM;

  /** Another service principal. */
  public static final String OTHER = "HTTP/other.test@" + REALM;

  private static TestKdc instance;

  /** The KDC working directory. */
  public final Path dir;

  /** The running KDC. */
  public final SimpleKdcServer kdc;

  /** The keytab of {@link #HTTP}. */
  public final Path httpKeytab;

  /** The shared KDC, started on first use. */
  public static synchronized TestKdc get() {
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
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    kdc = new SimpleKdcServer();
    kdc.setWorkDir(Files.createDirectories(dir.resolve("kdc")).toFile());
    kdc.setKdcRealm(REALM);
    kdc.setKdcHost("127.0.0.1");
    kdc.setAllowUdp(false);
    kdc.setKdcTcpPort(port);
    kdc.init();
    kdc.start();
    for (String user : new String[] {CAT, CARL, NOBODY}) {
      kdc.createPrincipal(user, USER_PASSWORD);
    }
    kdc.createPrincipal(HTTP, "unused-" + System.nanoTime());
    kdc.createPrincipal(OTHER, "unused-" + System.nanoTime());
    httpKeytab = dir.resolve("http.keytab");
    kdc.exportPrincipal(HTTP, httpKeytab.toFile());
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
            "  rdns = false",
            "  clockskew = " + CLOCK_SKEW_S,
            "",
            "[realms]",
            "  " + REALM + " = {",
            "    kdc = 127.0.0.1:" + port,
            "  }",
            ""));
    System.setProperty("java.security.krb5.conf", conf.toString());
  }

  /** Writes a ticket cache file holding {@code principal}'s ticket-granting ticket (kinit). */
  public Path ticketCache(String principal, Path file) {
    try {
      KrbClient client = kdc.getKrbClient();
      TgtTicket tgt = client.requestTgt(principal, USER_PASSWORD);
      Files.deleteIfExists(file);
      client.storeTicket(tgt, file.toFile());
      return file;
    } catch (KrbException e) {
      throw new IllegalStateException("kinit " + principal + " failed", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code action} while the KDC issues tickets that live {@code seconds} seconds. */
  public synchronized <T> T shortTickets(long seconds, Supplier<T> action) {
    Long max = kdc.getKdcConfig().getMaximumTicketLifetime();
    Long min = kdc.getKdcConfig().getMinimumTicketLifetime();
    kdc.getKdcConfig().setLong(KdcConfigKey.MAXIMUM_TICKET_LIFETIME, seconds);
    kdc.getKdcConfig().setLong(KdcConfigKey.MINIMUM_TICKET_LIFETIME, 0L);
    try {
      return action.get();
    } finally {
      kdc.getKdcConfig().setLong(KdcConfigKey.MAXIMUM_TICKET_LIFETIME, max);
      kdc.getKdcConfig().setLong(KdcConfigKey.MINIMUM_TICKET_LIFETIME, min);
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
