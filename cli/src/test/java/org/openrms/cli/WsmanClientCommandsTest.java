package org.openrms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.rms.server.RightsManagement;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;
import org.openrms.wsman.server.LocalAccounts;
import org.openrms.wsman.server.WsmanListener;
import org.openrms.wsman.server.WsmanListenerConfig;

/**
 * {@code openrms wsman identify|get|put|create|delete|enumerate|invoke|run|shell} against a real
 * listener that also carries the rights server's management resources.
 */
class WsmanClientCommandsTest {
  private static final String PASSWORD = "cli-Passw0rd";

  @TempDir static Path tmp;
  private static RightsServer server;
  private static WsmanListener listener;
  private static Path passwordFile;

  @BeforeAll
  static void start() throws Exception {
    server =
        RightsServer.start(
            RightsServerConfig.builder()
                .dataDirectory(tmp.resolve("data"))
                .port(0)
                .passwordHashIterations(1000)
                .build());
    WsmanListenerConfig.Builder b =
        WsmanListenerConfig.builder()
            .accounts(LocalAccounts.empty().withAccount("alice", PASSWORD.toCharArray()))
            .allowUnencrypted(true);
    RightsManagement.resources(server).forEach(b::resource);
    listener = WsmanListener.start(b.build());
    passwordFile = tmp.resolve("pw");
    Files.writeString(passwordFile, PASSWORD + "\n");
  }

  @AfterAll
  static void stop() {
    listener.close();
    server.close();
  }

  /** {@code wsman <sub> -r URL <rest> -a basic -u alice …}; positional args follow options. */
  private static CliTestSupport.Result wsman(String sub, String... rest) {
    List<String> all = new ArrayList<>();
    all.add("wsman");
    all.add(sub);
    all.add("-r");
    all.add(listener.httpUri().toString());
    all.addAll(
        List.of(
            "-a",
            "basic",
            "-u",
            "alice",
            "--password-file",
            passwordFile.toString(),
            "--no-encryption"));
    all.addAll(List.of(rest));
    return CliTestSupport.run(all.toArray(String[]::new));
  }

  @Test
  void identifyPrintsTheVendorAndTheBasicProfile() {
    var r = wsman("identify");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("ProductVendor:    OpenRMS").contains("http/basic");
  }

  @Test
  void runStreamsOutputAndExitsWithTheRemoteExitCode() {
    var ok = wsman("run", "echo", "hello", "world");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).isEqualTo("hello world\n");

    var failing = wsman("run", "echo out; echo err >&2; exit 3");
    assertThat(failing.exitCode()).isEqualTo(3);
    assertThat(failing.out()).isEqualTo("out\n");
    assertThat(failing.err()).isEqualTo("err\n");
  }

  @Test
  @Timeout(60)
  void runWithoutStdinGivesTheCommandEndOfInput() {
    var r = wsman("run", "cat; echo done");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("done\n");
    assertThat(listener.openShells()).isZero();
  }

  @Test
  void runUsesTheWorkingDirectoryAndEnvironmentOfTheShell() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("work dir"));
    var r =
        wsman("run", "--workdir", dir.toString(), "-e", "GREETING=hi there", "pwd; echo $GREETING");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines()).containsExactly(dir.toRealPath().toString(), "hi there");
  }

  @Test
  void createGetEnumerateDeleteDirectoryAccountsOverWsman() throws Exception {
    Path user = tmp.resolve("user.xml");
    Files.writeString(
        user,
        "<u:User xmlns:u=\""
            + RightsManagement.NAMESPACE
            + "\"><u:Login>bob</u:Login>"
            + "<u:Password>Bob-pw-123</u:Password><u:Email>bob@example.com</u:Email></u:User>");
    var created = wsman("create", RightsManagement.USER_URI, "--file", user.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).contains("bob");
    assertThat(server.directory().authenticate("bob", "Bob-pw-123".toCharArray())).isPresent();

    var got = wsman("get", RightsManagement.USER_URI, "-s", "Login=bob");
    assertThat(got.exitCode()).as(got.err()).isZero();
    assertThat(got.out()).contains("bob@example.com").doesNotContain("Bob-pw-123");

    var status = wsman("get", RightsManagement.SERVER_URI);
    assertThat(status.out()).contains(server.serverId());

    var deleted = wsman("delete", RightsManagement.USER_URI, "-s", "Login=bob");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(server.directory().find("bob")).isEmpty();

    var missing = wsman("get", RightsManagement.USER_URI, "-s", "Login=bob");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("InvalidSelectors").contains("2150858843");
  }

  @Test
  void enumerateListsTheListenersOpenShells() throws Exception {
    var r = wsman("enumerate", "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("item(s)");
  }

  @Test
  void aWrongPasswordExitsWithTheIdentityCode() throws Exception {
    Path wrong = tmp.resolve("wrong");
    Files.writeString(wrong, "not-it\n");
    var r =
        CliTestSupport.run(
            "wsman",
            "identify",
            "-r",
            listener.httpUri().toString(),
            "-a",
            "basic",
            "-u",
            "alice",
            "--password-file",
            wrong.toString(),
            "--no-encryption");
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err()).contains("authentication failed").doesNotContain("not-it");
  }

  @Test
  void anUnreachableServiceExitsWithTheConnectionCode() {
    var r =
        CliTestSupport.run(
            "wsman",
            "identify",
            "-r",
            "http://127.0.0.1:1/wsman",
            "-a",
            "basic",
            "-u",
            "alice",
            "--password-file",
            passwordFile.toString(),
            "--no-encryption");
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.err()).contains("cannot reach");
  }

  @Test
  void basicOverPlainHttpWithoutNoEncryptionIsRefusedBeforeSending() {
    var r =
        CliTestSupport.run(
            "wsman",
            "identify",
            "-r",
            listener.httpUri().toString(),
            "-a",
            "basic",
            "-u",
            "alice",
            "--password-file",
            passwordFile.toString());
    assertThat(r.exitCode()).isEqualTo(5);
  }

  @Test
  void theLoopbackDefaultNegotiateSaysTheListenerDoesNotOfferIt() {
    var r =
        CliTestSupport.run(
            "wsman",
            "identify",
            "-r",
            listener.httpUri().toString(),
            "-u",
            "alice",
            "--password-file",
            passwordFile.toString());
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err()).contains("does not offer Negotiate").contains("Basic");
  }

  @Test
  void shellRunsEachInputLineInOneRemoteShell() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(
        List.of(
            "wsman",
            "shell",
            "-r",
            listener.httpUri().toString(),
            "-a",
            "basic",
            "-u",
            "alice",
            "--password-file",
            passwordFile.toString(),
            "--no-encryption"));
    Process p = new ProcessBuilder(cmd).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write("echo one\ncat\necho two\nexit\n".getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    assertThat(out.lines()).containsExactly("one", "two");
    assertThat(listener.openShells()).isZero();
  }
}
