package org.openrms.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openrms.auth.KerberosCredentials;
import org.openrms.wsman.server.AuthSettings;
import org.openrms.wsman.server.LocalAccounts;
import org.openrms.wsman.server.WsmanListener;
import org.openrms.wsman.server.WsmanListenerConfig;

/**
 * A real {@link WsmanListener} on 127.0.0.1 for the peers: plain HTTP with allowUnencrypted, and
 * HTTPS with a server certificate issued by a test CA (made with keytool) whose PEM the peers
 * trust. One per test class.
 */
final class InteropListener implements AutoCloseable {
  static final String USER = "interop";

  /**
   * ASCII on purpose: pywinrm (requests) encodes Basic credentials as Latin-1 and winrm4j
   * (HttpClient 4) as ASCII, so a non-ASCII password tests their encoders, not our listener.
   */
  static final String PASSWORD = "Interop-pa55word";

  private static final char[] STORE_PASSWORD = "interop-store".toCharArray();
  private static final String IDENTIFY =
      "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
          + " xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
          + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";

  private final WsmanListener listener;
  private final Path caPem;
  private final boolean basicOverHttp;
  private final HttpClient http = HttpClient.newBuilder().build();

  private InteropListener(WsmanListener listener, Path caPem, boolean basicOverHttp) {
    this.listener = listener;
    this.caPem = caPem;
    this.basicOverHttp = basicOverHttp;
  }

  static InteropListener start(Path dir) throws IOException {
    Path caPem = dir.resolve("ca.pem");
    Path tls = dir.resolve("tls.p12");
    makeCertificates(dir, caPem, tls);
    LocalAccounts accounts = LocalAccounts.empty().withAccount(USER, PASSWORD.toCharArray());
    WsmanListener l =
        WsmanListener.start(
            WsmanListenerConfig.builder()
                .bindAddress("127.0.0.1")
                .accounts(accounts)
                .allowUnencrypted(true)
                .https(0, tls, STORE_PASSWORD.clone())
                .build());
    return new InteropListener(l, caPem, true);
  }

  /**
   * A listener as Windows is configured by default, plus Negotiate: {@code allowUnencrypted} off,
   * so over plain HTTP only NTLM with message encryption gets through; {@link #USER} may use NTLM.
   */
  static InteropListener startNegotiate(Path dir) throws IOException {
    Path caPem = dir.resolve("ca.pem");
    Path tls = dir.resolve("tls.p12");
    makeCertificates(dir, caPem, tls);
    LocalAccounts accounts = LocalAccounts.empty().withAccount(USER, PASSWORD.toCharArray(), true);
    WsmanListener l =
        WsmanListener.start(
            WsmanListenerConfig.builder()
                .bindAddress("127.0.0.1")
                .accounts(accounts)
                .allowUnencrypted(false)
                .auth(AuthSettings.builder().negotiate(true).computerName("INTEROP").build())
                .https(0, tls, STORE_PASSWORD.clone())
                .build());
    return new InteropListener(l, caPem, false);
  }

  /**
   * A listener as Windows in a domain: {@code allowUnencrypted} off, Negotiate and the Kerberos
   * scheme on, the Kerberos acceptor {@code acceptor} (a keytab for {@code HTTP/localhost}); Basic
   * stays on for {@link #assertServing()} over HTTPS.
   */
  static InteropListener startKerberos(Path dir, KerberosCredentials acceptor) throws IOException {
    Path caPem = dir.resolve("ca.pem");
    Path tls = dir.resolve("tls.p12");
    makeCertificates(dir, caPem, tls);
    LocalAccounts accounts = LocalAccounts.empty().withAccount(USER, PASSWORD.toCharArray());
    WsmanListener l =
        WsmanListener.start(
            WsmanListenerConfig.builder()
                .bindAddress("127.0.0.1")
                .accounts(accounts)
                .allowUnencrypted(false)
                .auth(
                    AuthSettings.builder()
                        .negotiate(true)
                        .kerberos(true)
                        .kerberosAcceptor(acceptor)
                        .computerName("INTEROP")
                        .build())
                .https(0, tls, STORE_PASSWORD.clone())
                .build());
    return new InteropListener(l, caPem, false);
  }

  WsmanListener listener() {
    return listener;
  }

  int httpPort() {
    return listener.httpPort();
  }

  int httpsPort() {
    return listener.httpsPort().orElseThrow();
  }

  URI httpUri() {
    return listener.httpUri();
  }

  URI httpsUri() {
    return listener.httpsUri().orElseThrow();
  }

  /** The test CA's certificate, PEM: the trust anchor the peers validate our server with. */
  Path caPem() {
    return caPem;
  }

  /**
   * After a peer ran: the listener has no shell left open and no command process left running, and
   * it still answers an authenticated Identify.
   */
  void assertCleanAndServing() throws Exception {
    // Delete answers before a killed process is reaped; give the listener a moment.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!clean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(listener.openShells()).as("open shells").isZero();
    assertThat(listener.liveProcesses()).as("live command processes (listener's count)").isZero();
    assertThat(descendants()).as("processes of this JVM left behind").isEmpty();
    assertServing();
  }

  private boolean clean() {
    return listener.openShells() == 0 && listener.liveProcesses() == 0 && descendants().isEmpty();
  }

  /**
   * An authenticated Identify (Basic over HTTP, or over HTTPS when the listener refuses clear
   * messages on plain HTTP) answers 200.
   */
  void assertServing() throws Exception {
    HttpResponse<String> r =
        (basicOverHttp ? http : trustingHttps())
            .send(
                HttpRequest.newBuilder(basicOverHttp ? httpUri() : httpsUri())
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/soap+xml;charset=UTF-8")
                    .header(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(
                                    (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(IDENTIFY))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("IdentifyResponse");
  }

  private HttpClient trustingHttps() throws Exception {
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = java.nio.file.Files.newInputStream(caPem)) {
      trust.setCertificateEntry(
          "ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    javax.net.ssl.TrustManagerFactory tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).build();
  }

  /** Live processes started by this JVM (the listener's command processes; peers have exited). */
  private static List<ProcessHandle> descendants() {
    List<ProcessHandle> live = new ArrayList<>();
    ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).forEach(live::add);
    return live;
  }

  @Override
  public void close() {
    listener.close();
  }

  /** A CA, and a server certificate for 127.0.0.1/localhost it issued, in a PKCS#12 keystore. */
  private static void makeCertificates(Path dir, Path caPem, Path tls) throws IOException {
    Path ca = dir.resolve("ca.p12");
    Path csr = dir.resolve("tls.csr");
    Path crt = dir.resolve("tls.crt");
    String pw = new String(STORE_PASSWORD);
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=OpenRMS interop test CA",
        "-ext",
        "bc:c=ca:true",
        "-ext",
        "ku:c=keyCertSign,cRLSign",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        ca.toString(),
        "-storepass",
        pw);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-storepass",
        pw,
        "-file",
        caPem.toString());
    keytool(
        "-genkeypair",
        "-alias",
        "tls",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        tls.toString(),
        "-storepass",
        pw);
    keytool(
        "-certreq",
        "-alias",
        "tls",
        "-keystore",
        tls.toString(),
        "-storepass",
        pw,
        "-file",
        csr.toString());
    keytool(
        "-gencert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-storepass",
        pw,
        "-infile",
        csr.toString(),
        "-outfile",
        crt.toString(),
        "-validity",
        "2",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-ext",
        "ku:c=digitalSignature",
        "-ext",
        "eku=serverAuth");
    // The reply chains to the CA only if the CA is known to the keystore while importing it.
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-keystore",
        tls.toString(),
        "-storepass",
        pw,
        "-file",
        caPem.toString());
    keytool(
        "-importcert",
        "-alias",
        "tls",
        "-keystore",
        tls.toString(),
        "-storepass",
        pw,
        "-file",
        crt.toString());
    keytool("-delete", "-alias", "ca", "-keystore", tls.toString(), "-storepass", pw);
  }

  private static void keytool(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool " + args[0] + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
