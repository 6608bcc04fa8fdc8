package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A test CA and certificates it issues, made with the JDK's keytool. */
final class TestPki {
  static final char[] PASSWORD = "changeit".toCharArray();
  private final Path dir;
  private final String name;

  /** Creates CA {@code name} in {@code dir}. */
  TestPki(Path dir, String name) throws Exception {
    this.dir = dir;
    this.name = name;
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + name,
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        store("ca").toString(),
        "-storepass",
        pw(),
        "-keypass",
        pw());
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        store("ca").toString(),
        "-storepass",
        pw(),
        "-file",
        dir.resolve(name + "-ca.crt").toString());
  }

  private static String pw() {
    return new String(PASSWORD);
  }

  private Path store(String alias) {
    return dir.resolve(name + "-" + alias + ".p12");
  }

  /**
   * Issues a certificate for {@code subjectCn} with {@code extensions} (such as {@code
   * SAN=ip:127.0.0.1} or {@code EKU=clientAuth}) into a PKCS#12 store with alias "tls" holding the
   * chain up to this CA; returns its path.
   */
  Path issue(String alias, String subjectCn, String... extensions) throws Exception {
    Path p12 = store(alias);
    keytool(
        "-genkeypair",
        "-alias",
        "tls",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + subjectCn,
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        p12.toString(),
        "-storepass",
        pw(),
        "-keypass",
        pw());
    Path csr = dir.resolve(name + "-" + alias + ".csr");
    Path crt = dir.resolve(name + "-" + alias + ".crt");
    keytool(
        "-certreq",
        "-alias",
        "tls",
        "-keystore",
        p12.toString(),
        "-storepass",
        pw(),
        "-file",
        csr.toString());
    List<String> gen =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                store("ca").toString(),
                "-storepass",
                pw(),
                "-infile",
                csr.toString(),
                "-outfile",
                crt.toString(),
                "-validity",
                "2"));
    for (String e : extensions) {
      gen.add("-ext");
      gen.add(e);
    }
    keytool(gen.toArray(new String[0]));
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-keystore",
        p12.toString(),
        "-storepass",
        pw(),
        "-file",
        dir.resolve(name + "-ca.crt").toString());
    keytool(
        "-importcert",
        "-alias",
        "tls",
        "-keystore",
        p12.toString(),
        "-storepass",
        pw(),
        "-file",
        crt.toString());
    return p12;
  }

  /** The CA certificate. */
  X509Certificate caCertificate() throws Exception {
    try (InputStream in = Files.newInputStream(dir.resolve(name + "-ca.crt"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** A trust store holding only this CA. */
  KeyStore trustStore() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("ca", caCertificate());
    return ks;
  }

  static PrivateKey key(Path p12) throws Exception {
    return (PrivateKey) load(p12).getKey("tls", PASSWORD);
  }

  static X509Certificate[] chain(Path p12) throws Exception {
    Certificate[] c = load(p12).getCertificateChain("tls");
    X509Certificate[] out = new X509Certificate[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = (X509Certificate) c[i];
    }
    return out;
  }

  private static KeyStore load(Path p12) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", args) + ": " + out).isZero();
  }
}
