package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAccountsTest {
  @TempDir Path dir;

  private static final LocalAccounts TWO =
      LocalAccounts.empty()
          .withAccount("alice", "pw-a".toCharArray())
          .withAccount("bob@corp", "pw-b".toCharArray());

  @Test
  void verifiesOnlyTheRightPasswordOfAKnownAccount() {
    assertThat(TWO.verify("alice", "pw-a".toCharArray())).isTrue();
    assertThat(TWO.verify("alice", "pw-b".toCharArray())).isFalse();
    assertThat(TWO.verify("Alice", "pw-a".toCharArray())).isFalse();
    assertThat(TWO.verify("carol", "pw-a".toCharArray())).isFalse();
    assertThat(TWO.verify(null, "pw-a".toCharArray())).isFalse();
    assertThat(LocalAccounts.empty().verify("alice", "pw-a".toCharArray())).isFalse();
  }

  @Test
  void emptyPasswordsAreRefusedAndNeverMatch() {
    assertThatThrownBy(() -> LocalAccounts.empty().withAccount("eve", new char[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be empty");
    // "\0" and "" derive the same PBKDF2 key; neither may log in.
    LocalAccounts nul = LocalAccounts.empty().withAccount("nul", new char[] {0});
    assertThat(nul.verify("nul", new char[0])).isFalse();
    assertThat(TWO.verify("alice", new char[0])).isFalse();
  }

  @Test
  void copiesAreIndependent() {
    LocalAccounts changed = TWO.withAccount("alice", "new".toCharArray()).without("bob@corp");
    assertThat(changed.names()).containsExactly("alice");
    assertThat(changed.verify("alice", "new".toCharArray())).isTrue();
    assertThat(TWO.verify("alice", "pw-a".toCharArray())).isTrue();
    assertThat(TWO.names()).containsExactly("alice", "bob@corp");
    assertThat(TWO.without("nobody")).isSameAs(TWO);
  }

  @Test
  void badNamesAreRefused() {
    for (String name : new String[] {"", "a:b", "a b", "tab\t", "x".repeat(257)}) {
      assertThatThrownBy(() -> LocalAccounts.empty().withAccount(name, new char[] {'p'}))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void saveAndLoadRoundTripWithOwnerOnlyPermissions() throws IOException {
    Path file = dir.resolve("sub/accounts");
    TWO.save(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String text = Files.readString(file);
    assertThat(text).startsWith("#").contains("alice:pbkdf2-sha256$").doesNotContain("pw-a");
    LocalAccounts loaded = LocalAccounts.load(file);
    assertThat(loaded.names()).containsExactly("alice", "bob@corp");
    assertThat(loaded.verify("bob@corp", "pw-b".toCharArray())).isTrue();
    assertThat(loaded.verify("bob@corp", "pw-a".toCharArray())).isFalse();
    // Saving over an existing file keeps it owner-only and leaves no temporary file.
    loaded.without("alice").save(file);
    assertThat(LocalAccounts.load(file).names()).containsExactly("bob@corp");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aFileOthersCanReadIsRefused() throws IOException {
    Path file = dir.resolve("accounts");
    TWO.save(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> LocalAccounts.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("chmod 600");
  }

  @Test
  void malformedLinesAreRefusedWithTheLineNumberButNotTheContent() throws IOException {
    Path file = dir.resolve("bad");
    Files.writeString(file, "# comment\n\nalice:pbkdf2-sha256$1$bad\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> LocalAccounts.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 3")
        .hasMessageNotContaining("pbkdf2-sha256$1$bad");
    String line =
        Files.readString(dirFileOf(TWO))
            .lines()
            .filter(l -> l.startsWith("alice"))
            .findFirst()
            .orElseThrow();
    Files.writeString(file, line + "\n" + line + "\n");
    assertThatThrownBy(() -> LocalAccounts.load(file)).hasMessageContaining("repeated");
  }

  private Path dirFileOf(LocalAccounts accounts) throws IOException {
    Path f = dir.resolve("tmp-" + System.nanoTime());
    accounts.save(f);
    return f;
  }

  @Test
  void anEmptyFileHasNoAccounts() throws IOException {
    Path file = dir.resolve("empty");
    LocalAccounts.empty().save(file);
    assertThat(LocalAccounts.load(file).names()).isEmpty();
  }
}
