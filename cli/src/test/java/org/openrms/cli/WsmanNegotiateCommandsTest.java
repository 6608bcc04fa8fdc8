package org.openrms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.wsman.server.AuthSettings;
import org.openrms.wsman.server.LocalAccounts;
import org.openrms.wsman.server.WsmanListener;
import org.openrms.wsman.server.WsmanListenerConfig;

/**
 * {@code openrms wsman … -a ntlm|negotiate} against a listener that serves Negotiate over plain
 * HTTP and refuses clear messages (the Windows default): the client encrypts, so it works.
 */
class WsmanNegotiateCommandsTest {
  private static final String PASSWORD = "Ntlm-cli-Passw0rd";

  @TempDir static Path tmp;
  private static WsmanListener listener;
  private static Path passwordFile;
  private static Path wrongPasswordFile;

  @BeforeAll
  static void start() throws Exception {
    listener =
        WsmanListener.start(
            WsmanListenerConfig.builder()
                .accounts(LocalAccounts.empty().withAccount("carol", PASSWORD.toCharArray(), true))
                .allowUnencrypted(false)
                .auth(AuthSettings.builder().negotiate(true).computerName("CLIHOST").build())
                .build());
    passwordFile = tmp.resolve("pw");
    Files.writeString(passwordFile, PASSWORD + "\n");
    wrongPasswordFile = tmp.resolve("wrong");
    Files.writeString(wrongPasswordFile, "Not-Carols-Pa55\n");
  }

  @AfterAll
  static void stop() {
    listener.close();
  }

  private static CliTestSupport.Result wsman(String auth, Path pw, String sub, String... rest) {
    List<String> all = new ArrayList<>();
    all.addAll(List.of("wsman", sub, "-r", listener.httpUri().toString(), "-a", auth));
    if (pw != null) {
      all.addAll(List.of("-u", "CLIHOST\\carol", "--password-file", pw.toString()));
    }
    all.addAll(List.of(rest));
    return CliTestSupport.run(all.toArray(String[]::new));
  }

  @Test
  void ntlmIdentifiesAndRunsACommandEncrypted() {
    var id = wsman("ntlm", passwordFile, "identify");
    assertThat(id.exitCode()).as(id.err()).isZero();
    assertThat(id.out()).contains("ProductVendor:    OpenRMS");

    var run = wsman("ntlm", passwordFile, "run", "echo negotiated; exit 2");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEqualTo("negotiated\n");
  }

  @Test
  void negotiateWithADomainUserUsesNtlmAndCanWrapItInSpnego() {
    var r = wsman("negotiate", passwordFile, "run", "--spnego-ntlm", "echo wrapped");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("wrapped\n");
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailureThatDoesNotShowIt() {
    var r = wsman("ntlm", wrongPasswordFile, "identify");
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err()).contains("authentication failed").doesNotContain("Not-Carols-Pa55");
  }

  @Test
  void ntlmNeedsAUserName() {
    var r = wsman("ntlm", null, "identify");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("-a ntlm needs a user name");
  }

  @Test
  void basicOverPlainHttpIsRefusedLocallyWithoutSendingThePassword() {
    var r = wsman("basic", passwordFile, "identify");
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err()).contains("unencrypted").doesNotContain(PASSWORD);
  }
}
