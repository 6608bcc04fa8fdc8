package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDirectoryTest {
  @TempDir Path tmp;

  private UserDirectory open() {
    return UserDirectory.open(tmp.resolve("data"), 1_000);
  }

  private static NewUser.Builder user(String login) {
    return NewUser.builder(login).password("pw-".concat(login).toCharArray());
  }

  @Test
  void addsListsFindsUpdatesAndDeletesUsers() {
    try (UserDirectory dir = open()) {
      dir.addUser(user("bob").email("bob@example.com").displayName("Bob B").verified(true).build());
      dir.addUser(user("alice").build());
      assertThat(dir.listUsers()).extracting(UserRecord::login).containsExactly("alice", "bob");
      UserRecord bob = dir.find("bob").orElseThrow();
      assertThat(bob.email()).isEqualTo("bob@example.com");
      assertThat(bob.displayName()).isEqualTo("Bob B");
      assertThat(bob.verified()).isTrue();
      assertThat(bob.enabled()).isTrue();
      UserRecord alice = dir.find("alice").orElseThrow();
      assertThat(alice.email()).isNull();
      assertThat(alice.displayName()).isEqualTo("alice");
      assertThat(alice.verified()).isFalse();

      dir.setEnabled("bob", false);
      dir.setVerified("bob", false);
      dir.setEmail("bob", "robert@example.org");
      bob = dir.find("bob").orElseThrow();
      assertThat(bob.enabled()).isFalse();
      assertThat(bob.verified()).isFalse();
      assertThat(bob.email()).isEqualTo("robert@example.org");
      dir.setEmail("bob", null);
      assertThat(dir.find("bob").orElseThrow().email()).isNull();

      dir.delete("bob");
      assertThat(dir.find("bob")).isEmpty();
      assertThatThrownBy(() -> dir.delete("bob"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no user with login 'bob'");
      assertThatThrownBy(() -> dir.setEnabled("ghost", true))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void duplicateLoginIsRefusedAndChangesNothing() {
    try (UserDirectory dir = open()) {
      dir.addUser(user("carol").email("carol@example.com").build());
      char[] pw = "other".toCharArray();
      assertThatThrownBy(
              () ->
                  dir.addUser(
                      NewUser.builder("carol").email("evil@example.com").password(pw).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a user with login 'carol' already exists");
      assertThat(dir.find("carol").orElseThrow().email()).isEqualTo("carol@example.com");
      assertThat(dir.authenticate("carol", "pw-carol".toCharArray())).isPresent();
      assertThat(dir.authenticate("carol", "other".toCharArray())).isEmpty();
    }
  }

  @Test
  void invalidEmailIsRefusedUnlessExplicitlyAllowed() {
    try (UserDirectory dir = open()) {
      assertThatThrownBy(() -> dir.addUser(user("dave").email("dave at example").build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a valid e-mail address");
      assertThat(dir.find("dave")).isEmpty();
      dir.addUser(user("dave").email("dave at example").allowInvalidEmail(true).build());
      assertThat(dir.find("dave").orElseThrow().email()).isEqualTo("dave at example");
      assertThatThrownBy(() -> dir.setEmail("dave", "still bad"))
          .isInstanceOf(IllegalArgumentException.class);
      dir.setEmail("dave", "still bad", true);
      assertThat(dir.find("dave").orElseThrow().email()).isEqualTo("still bad");
    }
  }

  @Test
  void rejectsUnusableLogins() {
    try (UserDirectory dir = open()) {
      for (String login : new String[] {"", " padded", "with:colon", "tab\there"}) {
        assertThatThrownBy(() -> dir.addUser(user(login).build()))
            .as(login)
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(dir.listUsers()).isEmpty();
    }
  }

  @Test
  void passwordIsZeroedAfterAddAndOnlyAHashIsStored() throws Exception {
    Path data = tmp.resolve("data");
    char[] pw = "s3cret-Passw0rd".toCharArray();
    try (UserDirectory dir = open()) {
      dir.addUser(NewUser.builder("erin").password(pw).build());
      assertThat(pw).containsOnly('\0');
      assertThat(dir.authenticate("erin", "s3cret-Passw0rd".toCharArray())).isPresent();
      assertThat(dir.authenticate("erin", "s3cret-Passw0rD".toCharArray())).isEmpty();
      assertThat(dir.authenticate("nobody", "s3cret-Passw0rd".toCharArray())).isEmpty();
      assertThat(dir.authenticate("erin", new char[0])).isEmpty();
    }
    String url =
        "jdbc:h2:file:"
            + data.toAbsolutePath().resolve("rms")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT password_hash FROM users")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).startsWith("pbkdf2-sha256$1000$").doesNotContain("s3cret");
    }
  }

  @Test
  void hashesStayValidWhenTheIterationCountChanges() {
    Path data = tmp.resolve("data");
    try (UserDirectory dir = UserDirectory.open(data, 1_000)) {
      dir.addUser(NewUser.builder("frank").password("pw".toCharArray()).build());
    }
    try (UserDirectory dir = UserDirectory.open(data, 2_000)) {
      assertThat(dir.authenticate("frank", "pw".toCharArray())).isPresent();
    }
  }

  @Test
  void offlineDirectoryIsSeenByTheServerAndExcludesIt() throws Exception {
    Path data = tmp.resolve("data");
    try (UserDirectory dir = UserDirectory.open(data, 1_000)) {
      dir.addUser(user("gina").email("gina@example.com").verified(true).build());
      assertThatThrownBy(() -> TestSupport.start(data))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use");
    }
    assertThat(Files.exists(data.resolve("keys.p12"))).isFalse();
    try (RightsServer server = TestSupport.start(data)) {
      assertThat(server.directory().find("gina")).isPresent();
      server.directory().close();
      assertThat(server.directory().listUsers()).hasSize(1);
    }
  }

  @Test
  void newUserToStringHidesThePassword() {
    NewUser u = NewUser.builder("hal").password("topsecret".toCharArray()).build();
    assertThat(u.toString()).doesNotContain("topsecret");
    assertThatThrownBy(() -> NewUser.builder("x").build())
        .isInstanceOf(IllegalStateException.class);
    assertThat(Arrays.toString(u.password())).contains("t");
  }
}
