package org.openrms.wsman.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.openrms.auth.KerberosCredentials;

/**
 * A Kerby KDC for {@link #REALM} on 127.0.0.1 (TCP, random port), started once per test JVM since
 * the JDK reads its krb5 configuration once; our own krb5.conf, never /etc/krb5.conf. It knows the
 * user {@link #ALICE} and the service {@link #HTTP_LOCALHOST}, whose keys are in {@link #keytab}.
 */
final class Kdc {
  static final String REALM = "WSMAN.TEST";
  static final String ALICE = "alice@" + REALM;
  static final String ALICE_PASSWORD = "Kerb-Alice-Pa55";
  static final String HTTP_LOCALHOST = "HTTP/localhost@" + REALM;

  private static Kdc instance;

  final Path dir;
  final Path keytab;
  private final SimpleKdcServer kdc;
  private KerberosCredentials service;

  static synchronized Kdc get() {
    if (instance == null) {
      try {
        instance = new Kdc();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (KrbException e) {
        throw new IllegalStateException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
    }
    return instance;
  }

  private Kdc() throws IOException, KrbException {
    dir = Files.createTempDirectory("wsman-kdc");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path work = Files.createDirectories(dir.resolve("kdc"));
    kdc = new SimpleKdcServer();
    kdc.setWorkDir(work.toFile());
    kdc.setKdcRealm(REALM);
    kdc.setKdcHost("127.0.0.1");
    kdc.setAllowUdp(false);
    kdc.setKdcTcpPort(port);
    kdc.init();
    kdc.start();
    kdc.createPrincipal(ALICE, ALICE_PASSWORD);
    kdc.createPrincipal(HTTP_LOCALHOST, "unused-" + System.nanoTime());
    keytab = dir.resolve("http.keytab");
    kdc.exportPrincipal(HTTP_LOCALHOST, keytab.toFile());
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
            "",
            "[realms]",
            "  " + REALM + " = {",
            "    kdc = 127.0.0.1:" + port,
            "  }",
            ""));
    System.setProperty("java.security.krb5.conf", conf.toString());
  }

  /** The service's acceptor credentials (shared). */
  synchronized KerberosCredentials service() {
    if (service == null) {
      service = KerberosCredentials.acceptorKeytab(HTTP_LOCALHOST, keytab);
    }
    return service;
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
