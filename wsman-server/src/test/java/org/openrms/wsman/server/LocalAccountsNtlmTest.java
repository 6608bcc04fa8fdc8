package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.auth.Ntlm;

/** The optional NT hash per account, and the versioned file format that carries it. */
class LocalAccountsNtlmTest {
  @TempDir Path dir;

  private static final LocalAccounts MIXED =
      LocalAccounts.empty()
          .withAccount("alice", "pw-a".toCharArray(), true)
          .withAccount("bob", "pw-b".toCharArray());

  @Test
  void ntlmIsOptInPerAccountAndDroppedWhenThePasswordIsSetWithoutIt() {
    assertThat(MIXED.ntlmEnabled("alice")).isTrue();
    assertThat(MIXED.ntlmEnabled("bob")).isFalse();
    assertThat(MIXED.ntlmAccounts().find("bob")).isEmpty();
    assertThat(MIXED.ntlmAccounts().find("alice").orElseThrow().ntHash())
        .isEqualTo(Ntlm.ntHash("pw-a".toCharArray()));
    // Windows matches user names case-insensitively; the canonical name is the peer name
    assertThat(MIXED.ntlmAccounts().find("ALICE").orElseThrow().name()).isEqualTo("alice");
    assertThat(MIXED.verify("alice", "pw-a".toCharArray())).isTrue();
    LocalAccounts reset = MIXED.withAccount("alice", "new".toCharArray());
    assertThat(reset.ntlmEnabled("alice")).isFalse();
    assertThat(MIXED.without("alice").ntlmAccounts().find("alice")).isEmpty();
    assertThat(MIXED.toString())
        .doesNotContain(HexFormat.of().formatHex(Ntlm.ntHash("pw-a".toCharArray())));
  }

  @Test
  void anAmbiguousCaseInsensitiveNameMatchesNothing() {
    LocalAccounts two =
        LocalAccounts.empty()
            .withAccount("Carol", "x".toCharArray(), true)
            .withAccount("carol", "y".toCharArray(), true);
    assertThat(two.ntlmAccounts().find("carol").orElseThrow().name()).isEqualTo("carol");
    assertThat(two.ntlmAccounts().find("CAROL")).isEmpty();
  }

  @Test
  void savesFormat2OnlyWithNtlmAccountsAndReadsItBack() throws IOException {
    Path f = dir.resolve("accounts");
    MIXED.save(f);
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    assertThat(lines).contains("version=2");
    assertThat(lines).anyMatch(l -> l.startsWith("alice:pbkdf2-sha256$") && l.contains(":nt$"));
    assertThat(lines).anyMatch(l -> l.startsWith("bob:pbkdf2-sha256$") && !l.contains(":nt$"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
    LocalAccounts back = LocalAccounts.load(f);
    assertThat(back.names()).containsExactly("alice", "bob");
    assertThat(back.ntlmEnabled("alice")).isTrue();
    assertThat(back.ntlmAccounts().find("alice").orElseThrow().ntHash())
        .isEqualTo(Ntlm.ntHash("pw-a".toCharArray()));
    assertThat(back.verify("bob", "pw-b".toCharArray())).isTrue();

    // without NTLM accounts the file stays format 1, readable by older versions
    Path g = dir.resolve("plain");
    MIXED.without("alice").save(g);
    assertThat(Files.readAllLines(g, StandardCharsets.UTF_8))
        .noneMatch(l -> l.startsWith("version="));
  }

  private Path write(String text) throws IOException {
    Path f = dir.resolve("f" + System.nanoTime());
    Files.writeString(f, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  @Test
  void refusesNtHashesOutsideFormat2AndMalformedOrUnknownVersions() throws IOException {
    Path f = dir.resolve("accounts");
    MIXED.save(f);
    String v2 = Files.readString(f, StandardCharsets.UTF_8);
    String v1WithNt = v2.replace("version=2\n", "");
    assertThatThrownBy(() -> LocalAccounts.load(write(v1WithNt)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line");
    assertThatThrownBy(() -> LocalAccounts.load(write(v2.replace("version=2", "version=3"))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unsupported");
    assertThatThrownBy(() -> LocalAccounts.load(write(v2.replace(":nt$", ":nt$zz"))))
        .isInstanceOf(IOException.class)
        .hasMessageNotContaining("nt$zz");
    String lateVersion = v2.replace("version=2\n", "") + "version=2\n";
    assertThatThrownBy(() -> LocalAccounts.load(write(lateVersion)))
        .isInstanceOf(IOException.class);
  }
}
