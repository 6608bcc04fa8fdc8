package org.openrms.auth.internal.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.auth.Ntlm;
import org.openrms.auth.NtlmAccountStore;
import org.openrms.auth.NtlmOptions;
import org.openrms.auth.SealedMessage;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;

/**
 * Interop with python3-ntlm-auth 1.4.0 (what pywinrm 0.3.0 uses): its {@code NtlmContext} as the
 * initiator against our acceptor, tokens exchanged over a child process's stdin/stdout, then sealed
 * messages both ways. Skipped when {@code /usr/bin/python3} lacks {@code ntlm_auth}, except under
 * {@code CI=true}, where that fails. The other direction (our initiator, their acceptor) is not
 * tested: ntlm-auth has no acceptor.
 */
class NtlmPythonInteropTest {
  private static final String PYTHON = "/usr/bin/python3";
  private static final String PASSWORD = "Pyth0n-Interop!";
  private static final NtlmAccountStore STORE =
      NtlmAccountStore.of(Map.of("Winrm", Ntlm.ntHash(PASSWORD.toCharArray())));

  private static final String OPENSSL_LEGACY =
      String.join(
          "\n",
          "openssl_conf = openssl_init",
          "[openssl_init]",
          "providers = provider_sect",
          "[provider_sect]",
          "default = default_sect",
          "legacy = legacy_sect",
          "[default_sect]",
          "activate = 1",
          "[legacy_sect]",
          "activate = 1",
          "");

  @TempDir static Path dir;
  private static Path script;
  private static Path opensslConf;

  private static ProcessBuilder python(String... args) {
    ProcessBuilder pb = new ProcessBuilder(PYTHON);
    pb.command().addAll(Arrays.asList(args));
    pb.environment().put("OPENSSL_CONF", opensslConf.toString());
    return pb;
  }

  @BeforeAll
  static void needsNtlmAuth() throws Exception {
    opensslConf = dir.resolve("openssl-legacy.cnf");
    Files.writeString(opensslConf, OPENSSL_LEGACY);
    boolean available = false;
    try {
      Process p = python("-c", "import ntlm_auth").start();
      available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      available = false;
    }
    if (!available) {
      String message = PYTHON + " with the ntlm_auth module (python3-ntlm-auth) is not installed";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    script = dir.resolve("ntlm_auth_initiator.py");
    try (InputStream in =
        NtlmPythonInteropTest.class.getResourceAsStream("ntlm_auth_initiator.py")) {
      Files.write(script, in.readAllBytes());
    }
  }

  @Test
  void pythonInitiatorSealsBothWays() throws Exception {
    SecurityContext server =
        Ntlm.acceptor(STORE, NtlmOptions.builder().computerName("HOST").build());
    try (Peer py = new Peer("winrm", "", PASSWORD, "")) {
      byte[] challenge = server.step(py.readToken());
      py.send(challenge);
      assertThat(server.step(py.readToken())).isNull();
      assertThat(server.peerName()).isEqualTo("Winrm");
      for (int i = 0; i < 50; i++) {
        byte[] body =
            ("<s:Envelope>message " + i + "</s:Envelope>").getBytes(StandardCharsets.UTF_8);
        // ours -> theirs
        SealedMessage sealed = server.seal(body);
        py.command("unwrap", concat(sealed.header(), sealed.data()));
        assertThat(py.readToken()).isEqualTo(body);
        // theirs -> ours
        py.command("wrap", body);
        byte[] wrapped = py.readToken();
        SealedMessage in =
            new SealedMessage(
                Arrays.copyOf(wrapped, 16), Arrays.copyOfRange(wrapped, 16, wrapped.length));
        assertThat(server.unseal(in)).isEqualTo(body);
      }
      // Their side rejects a tampered message of ours.
      SealedMessage sealed = server.seal(new byte[] {1, 2, 3});
      byte[] tampered = concat(sealed.header(), sealed.data());
      tampered[17] ^= 1;
      py.command("unwrap", tampered);
      assertThat(py.readLine()).startsWith("ERROR");
    }
  }

  @Test
  void pythonInitiatorWithDomainAndChannelBindings() throws Exception {
    byte[] cb = "tls-server-end-point:0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    NtlmOptions options =
        NtlmOptions.builder()
            .computerName("HOST")
            .channelBindings(cb)
            .requireChannelBindings(true)
            .build();
    SecurityContext server = Ntlm.acceptor(STORE, options);
    try (Peer py = new Peer("WINRM", "host", PASSWORD, HexFormat.of().formatHex(cb))) {
      py.send(server.step(py.readToken()));
      assertThat(server.step(py.readToken())).isNull();
      assertThat(server.peerName()).isEqualTo("Winrm");
    }
    // Without bindings the same acceptor refuses; with a wrong password it is BAD_CREDENTIALS.
    SecurityContext strict = Ntlm.acceptor(STORE, options);
    try (Peer py = new Peer("winrm", "", PASSWORD, "")) {
      py.send(strict.step(py.readToken()));
      byte[] auth = py.readToken();
      assertThat(reason(() -> strict.step(auth))).isEqualTo(Reason.REFUSED);
    }
    SecurityContext other =
        Ntlm.acceptor(STORE, NtlmOptions.builder().computerName("HOST").build());
    try (Peer py = new Peer("winrm", "", "wrong", "")) {
      py.send(other.step(py.readToken()));
      byte[] auth = py.readToken();
      assertThat(reason(() -> other.step(auth))).isEqualTo(Reason.BAD_CREDENTIALS);
    }
  }

  // Our initiator has no Python peer: python3-ntlm-auth 1.4.0 has no NTLM acceptor. It is tested
  // against the MS-NLMP vectors, our acceptor, and (in interop-tests) real WinRM listeners.

  private static Reason reason(Runnable r) {
    try {
      r.run();
    } catch (SecurityContextException e) {
      return e.reason();
    }
    throw new AssertionError("no SecurityContextException");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The python initiator as a child process. */
  private static final class Peer implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final BufferedWriter in;

    Peer(String user, String domain, String password, String cbtHex) throws IOException {
      process = python(script.toString()).start();
      out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
      in =
          new BufferedWriter(
              new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
      // Test-only credentials; JSON-safe by construction.
      line(
          String.format(
              "{\"user\": \"%s\", \"password\": \"%s\", \"domain\": \"%s\", \"cbt\": \"%s\"}",
              user, password, domain, cbtHex));
    }

    void send(byte[] token) throws IOException {
      line(Base64.getEncoder().encodeToString(token));
    }

    void command(String cmd, byte[] arg) throws IOException {
      line(cmd + " " + Base64.getEncoder().encodeToString(arg));
    }

    String readLine() throws IOException {
      String l = out.readLine();
      if (l == null) {
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        throw new AssertionError("python initiator ended: " + err);
      }
      return l;
    }

    byte[] readToken() throws IOException {
      String l = readLine();
      assertThat(l).doesNotStartWith("ERROR");
      return Base64.getDecoder().decode(l);
    }

    private void line(String s) throws IOException {
      in.write(s);
      in.write('\n');
      in.flush();
    }

    @Override
    public void close() throws Exception {
      try {
        line("quit");
      } catch (IOException ignored) {
        // already gone
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
