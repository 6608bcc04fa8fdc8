package org.openrms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.wsman.EnvelopeWriter;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.server.LocalAccounts;

/** {@code openrms wsman account …} in-process, and {@code openrms wsman listen} as a process. */
class WsmanListenCommandTest {
  @TempDir Path tmp;

  private Path passwordFile(String password) throws Exception {
    Path f = tmp.resolve("pw-" + password.hashCode());
    Files.writeString(f, password + "\n");
    return f;
  }

  @Test
  void accountAddWritesAnOwnerOnlyHashFileThatVerifiesTheAddedPassword() throws Exception {
    Path accounts = tmp.resolve("accounts");
    var r =
        CliTestSupport.run(
            "wsman",
            "account",
            "add",
            "alice",
            "--accounts",
            accounts.toString(),
            "--password-file",
            passwordFile("Wonder-land1").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Added alice");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(accounts)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(accounts)).doesNotContain("Wonder-land1");
    LocalAccounts loaded = LocalAccounts.load(accounts);
    assertThat(loaded.verify("alice", "Wonder-land1".toCharArray())).isTrue();
    assertThat(loaded.verify("alice", "wonder-land1".toCharArray())).isFalse();

    var again =
        CliTestSupport.run(
            "wsman",
            "account",
            "add",
            "alice",
            "--accounts",
            accounts.toString(),
            "--password-file",
            passwordFile("Second-pw2").toString());
    assertThat(again.out()).contains("Changed password of alice");
    assertThat(LocalAccounts.load(accounts).verify("alice", "Second-pw2".toCharArray())).isTrue();
  }

  @Test
  void accountListAndRemoveKeepTheOtherAccounts() throws Exception {
    Path accounts = tmp.resolve("accounts");
    for (String n : List.of("bob", "carol")) {
      CliTestSupport.run(
          "wsman",
          "account",
          "add",
          n,
          "--accounts",
          accounts.toString(),
          "--password-file",
          passwordFile("pw-of-" + n).toString());
    }
    assertThat(
            CliTestSupport.run("wsman", "account", "list", "--accounts", accounts.toString())
                .out()
                .lines())
        .containsExactly("bob", "carol");
    var removed =
        CliTestSupport.run("wsman", "account", "remove", "bob", "--accounts", accounts.toString());
    assertThat(removed.exitCode()).isZero();
    LocalAccounts left = LocalAccounts.load(accounts);
    assertThat(left.names()).containsExactly("carol");
    assertThat(left.verify("carol", "pw-of-carol".toCharArray())).isTrue();

    var missing =
        CliTestSupport.run("wsman", "account", "remove", "bob", "--accounts", accounts.toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("no account bob");
  }

  @Test
  void accountAddNtlmStoresTheNtHashOnlyForThatAccount() throws Exception {
    Path accounts = tmp.resolve("accounts");
    var r =
        CliTestSupport.run(
            "wsman",
            "account",
            "add",
            "nt",
            "--ntlm",
            "--accounts",
            accounts.toString(),
            "--password-file",
            passwordFile("Nt-pass1").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Added nt (NTLM enabled)");
    CliTestSupport.run(
        "wsman",
        "account",
        "add",
        "plain",
        "--accounts",
        accounts.toString(),
        "--password-file",
        passwordFile("Plain-pass1").toString());
    LocalAccounts loaded = LocalAccounts.load(accounts);
    assertThat(loaded.ntlmEnabled("nt")).isTrue();
    assertThat(loaded.ntlmEnabled("plain")).isFalse();
    assertThat(loaded.verify("nt", "Nt-pass1".toCharArray())).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(accounts)))
        .isEqualTo("rw-------");
    assertThat(
            CliTestSupport.run("wsman", "account", "list", "--accounts", accounts.toString())
                .out()
                .lines())
        .containsExactly("nt (ntlm)", "plain");
  }

  @Test
  void listenRefusesAnSpnWithoutAKeytab() throws Exception {
    Path accounts = tmp.resolve("accounts");
    LocalAccounts.empty().withAccount("a", "pw".toCharArray()).save(accounts);
    var r =
        CliTestSupport.run(
            "wsman",
            "listen",
            "--accounts",
            accounts.toString(),
            "--port",
            "0",
            "--negotiate",
            "--spn",
            "HTTP/host@REALM");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--kerberos-keytab");
  }

  @Test
  void listenNegotiateChallengesWithNegotiate() throws Exception {
    Path accounts = tmp.resolve("accounts");
    LocalAccounts.empty().withAccount("alice", "Wonder-land1".toCharArray(), true).save(accounts);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(
        List.of(
            "wsman", "listen", "--accounts", accounts.toString(), "--port", "0", "--negotiate"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      URI uri = null;
      Pattern at = Pattern.compile("listener at (http://\\S+)");
      for (String line; uri == null && (line = out.readLine()) != null; ) {
        Matcher m = at.matcher(line);
        if (m.find()) {
          uri = URI.create(m.group(1));
        }
      }
      assertThat(uri).as("the listener announces its URL").isNotNull();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      byte[] identify = new EnvelopeWriter().toBytes(IdentifyResponse.request());
      HttpResponse<String> refused =
          http.send(
              identifyRequest(uri, identify, "alice:Wonder-land1"),
              HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().allValues("WWW-Authenticate")).containsExactly("Negotiate");
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void listenWithoutAnAccountsFileSaysHowToCreateOne() {
    Path accounts = tmp.resolve("nope");
    var r = CliTestSupport.run("wsman", "listen", "--accounts", accounts.toString(), "--port", "0");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("openrms wsman account add");
  }

  @Test
  void listenRefusesAnHttpsPortWithoutAKeystore() throws Exception {
    Path accounts = tmp.resolve("accounts");
    LocalAccounts.empty().withAccount("a", "pw".toCharArray()).save(accounts);
    var r =
        CliTestSupport.run(
            "wsman",
            "listen",
            "--accounts",
            accounts.toString(),
            "--port",
            "0",
            "--https-port",
            "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--keystore");
  }

  @Test
  void clientCertificateOptionsNeedHttpsAndACa() throws Exception {
    Path accounts = tmp.resolve("accounts");
    LocalAccounts.empty().withAccount("a", "pw".toCharArray()).save(accounts);
    var noHttps =
        CliTestSupport.run(
            "wsman",
            "listen",
            "--accounts",
            accounts.toString(),
            "--port",
            "0",
            "--client-ca",
            accounts.toString());
    assertThat(noHttps.exitCode()).isEqualTo(2);
    assertThat(noHttps.err()).contains("--client-ca needs --https-port");
    var noCa =
        CliTestSupport.run(
            "wsman",
            "listen",
            "--accounts",
            accounts.toString(),
            "--port",
            "0",
            "--map-subject-cn");
    assertThat(noCa.exitCode()).isEqualTo(2);
    assertThat(noCa.err()).contains("need --client-ca");
  }

  @Test
  void listenServesAuthenticatedIdentifyAndStopsOnSigterm() throws Exception {
    Path accounts = tmp.resolve("accounts");
    LocalAccounts.empty().withAccount("alice", "Wonder-land1".toCharArray()).save(accounts);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(
        List.of(
            "wsman",
            "listen",
            "--accounts",
            accounts.toString(),
            "--port",
            "0",
            "--allow-unencrypted"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      URI uri = null;
      Pattern at = Pattern.compile("listener at (http://\\S+)");
      for (String line; uri == null && (line = out.readLine()) != null; ) {
        Matcher m = at.matcher(line);
        if (m.find()) {
          uri = URI.create(m.group(1));
        }
      }
      assertThat(uri).as("the listener announces its URL").isNotNull();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      byte[] identify = new EnvelopeWriter().toBytes(IdentifyResponse.request());
      HttpResponse<String> ok =
          http.send(
              identifyRequest(uri, identify, "alice:Wonder-land1"),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("OpenRMS").contains("IdentifyResponse");
      HttpResponse<String> wrong =
          http.send(
              identifyRequest(uri, identify, "alice:wrong"), HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);

      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void overHttpsTheClientRunsACommandTrustingTheListenersCertificate() throws Exception {
    Path accounts = tmp.resolve("accounts");
    LocalAccounts.empty().withAccount("alice", "Wonder-land1".toCharArray()).save(accounts);
    Path p12 = tmp.resolve("tls.p12");
    Path pem = tmp.resolve("tls.pem");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    exec(
        keytool,
        "-genkeypair",
        "-alias",
        "tls",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=IP:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        p12.toString(),
        "-storepass",
        "store-pw-1");
    exec(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        "tls",
        "-keystore",
        p12.toString(),
        "-storepass",
        "store-pw-1",
        "-file",
        pem.toString());
    Path storePw = tmp.resolve("store-pw");
    Files.writeString(storePw, "store-pw-1\n");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(
        List.of(
            "wsman",
            "listen",
            "--accounts",
            accounts.toString(),
            "--port",
            "0",
            "--https-port",
            "0",
            "--keystore",
            p12.toString(),
            "--keystore-password-file",
            storePw.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      URI https = null;
      Pattern at = Pattern.compile("(https://\\S+)");
      for (String line; https == null && (line = out.readLine()) != null; ) {
        Matcher m = at.matcher(line);
        if (m.find()) {
          https = URI.create(m.group(1));
        }
      }
      assertThat(https).as("the listener announces its HTTPS URL").isNotNull();
      var r =
          CliTestSupport.run(
              "wsman",
              "run",
              "-r",
              https.toString(),
              "-a",
              "basic",
              "-u",
              "alice",
              "--password-file",
              passwordFile("Wonder-land1").toString(),
              "--trust",
              pem.toString(),
              "echo",
              "over",
              "tls");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo("over tls\n");
      var untrusted =
          CliTestSupport.run(
              "wsman",
              "identify",
              "-r",
              https.toString(),
              "-a",
              "basic",
              "-u",
              "alice",
              "--password-file",
              passwordFile("Wonder-land1").toString());
      assertThat(untrusted.exitCode()).isEqualTo(6);
      assertThat(untrusted.err()).contains("untrusted server certificate");
    } finally {
      p.destroyForcibly();
    }
  }

  private static void exec(String... command) throws Exception {
    Process k = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(k.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(k.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(k.exitValue()).as(output).isZero();
  }

  private static HttpRequest identifyRequest(URI uri, byte[] body, String userPass) {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/soap+xml;charset=UTF-8")
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }
}
