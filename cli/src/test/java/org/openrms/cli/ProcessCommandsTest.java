package org.openrms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.Pem;
import org.openrms.rms.server.UserDirectory;

/** Runs {@code openrms} as a real child process, for what only a process shows. */
class ProcessCommandsTest {
  @TempDir Path tmp;

  private static ProcessBuilder openrms(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }

  @Test
  void serverWritesRootCaServesHttpsAndReleasesItsDataOnSigterm() throws Exception {
    Path data = tmp.resolve("data");
    Process p =
        openrms("server", "--data", data.toString(), "--port", "0")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      URI base = null;
      Pattern listening = Pattern.compile("listening at (https://\\S+)");
      for (String line; base == null && (line = out.readLine()) != null; ) {
        Matcher m = listening.matcher(line);
        if (m.find()) {
          base = URI.create(m.group(1));
        }
      }
      assertThat(base).as("the server announces its URL").isNotNull();
      Path rootPem = data.resolve("root-ca.pem");
      assertThat(rootPem).exists();

      X509Certificate root = Pem.decodeChain(Files.readString(rootPem)).get(0);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("root", root);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      HttpResponse<String> info =
          HttpClient.newBuilder()
              .sslContext(ssl)
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(
                  HttpRequest.newBuilder(base).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(info.statusCode()).isEqualTo(200);
      assertThat(info.body()).contains("\"product\":\"OpenRMS\"");

      p.destroy(); // SIGTERM: the shutdown hook stops the server
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // the data directory is free again: the server really stopped
      try (UserDirectory dir = UserDirectory.open(data, 1000)) {
        assertThat(dir.listUsers()).isEmpty();
      }
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void passwordComesFromTheEnvironment() throws Exception {
    Path data = tmp.resolve("data");
    ProcessBuilder pb =
        openrms("user", "add", "--data", data.toString(), "--email", "env@example.com");
    pb.environment().put("OPENRMS_PASSWORD", "from-the-env");
    Process p = pb.redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    try (UserDirectory dir = UserDirectory.open(data)) {
      assertThat(dir.authenticate("env@example.com", "from-the-env".toCharArray())).isPresent();
      assertThat(dir.authenticate("env@example.com", "other".toCharArray())).isEmpty();
    }
  }

  @Test
  void passwordIsReadFromStandardInputWithoutAConsole() throws Exception {
    Path data = tmp.resolve("data");
    ProcessBuilder pb =
        openrms("user", "add", "--data", data.toString(), "--email", "pipe@example.com");
    pb.environment().remove("OPENRMS_PASSWORD");
    Process p = pb.redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write("piped-pw\n".getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    try (UserDirectory dir = UserDirectory.open(data)) {
      assertThat(dir.authenticate("pipe@example.com", "piped-pw".toCharArray())).isPresent();
    }
  }

  @Test
  void noPasswordAtAllIsAClearError() throws IOException, InterruptedException {
    ProcessBuilder pb =
        openrms("user", "add", "--data", tmp.resolve("d").toString(), "--email", "x@example.com");
    pb.environment().remove("OPENRMS_PASSWORD");
    Process p = pb.redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(3);
    assertThat(output).contains("no password").contains("--password-file");
  }
}
