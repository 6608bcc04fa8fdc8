package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** "A pointer to an IWSManConnectionOptions object that contains a user name and password." */
class ConnectionOptionsTest {
  @Test
  void containsAUserNameAndPassword() {
    char[] pw = "secret".toCharArray();
    ConnectionOptions o = ConnectionOptions.builder().userName("CORP\\admin").password(pw).build();
    pw[0] = 'X';
    assertThat(o.userName()).contains("CORP\\admin");
    assertThat(o.hasCredentials()).isTrue();
    assertThat(o.password()).as("copied in").containsExactly("secret".toCharArray());
    o.password()[0] = 'Y';
    assertThat(o.password()).as("copied out").containsExactly("secret".toCharArray());
    assertThat(o.authMechanism()).isEmpty();
  }

  @Test
  void thePasswordIsNeverPrinted() {
    ConnectionOptions o =
        ConnectionOptions.builder().userName("u").password("hunter2".toCharArray()).build();
    assertThat(o.toString()).doesNotContain("hunter2").contains("u").contains("***");
  }

  @Test
  void closeZeroesThePassword() throws Exception {
    ConnectionOptions o =
        ConnectionOptions.builder().userName("u").password("secret".toCharArray()).build();
    java.lang.reflect.Field f = ConnectionOptions.class.getDeclaredField("password");
    f.setAccessible(true);
    char[] inside = (char[]) f.get(o);
    o.close();
    o.close();
    assertThat(inside).containsOnly('\0');
    assertThat(o.isClosed()).isTrue();
    assertThatThrownBy(o::password)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void clearZeroesTheBuildersPassword() throws Exception {
    ConnectionOptions.Builder b = ConnectionOptions.builder().userName("u");
    b.password("secret".toCharArray());
    java.lang.reflect.Field f = ConnectionOptions.Builder.class.getDeclaredField("password");
    f.setAccessible(true);
    char[] inside = (char[]) f.get(b);
    ConnectionOptions built = b.build();
    b.clear();
    assertThat(inside).containsOnly('\0');
    assertThat(built.password()).as("the built options keep their own copy").hasSize(6);
    assertThat(b.build().password()).isEmpty();
  }

  @Test
  void buildMovesThePasswordOutOfTheBuilderSoAnInlineBuilderLeavesNoCopy() throws Exception {
    ConnectionOptions.Builder b = ConnectionOptions.builder().userName("u");
    b.password("secret".toCharArray());
    java.lang.reflect.Field f = ConnectionOptions.Builder.class.getDeclaredField("password");
    f.setAccessible(true);
    char[] inside = (char[]) f.get(b);
    ConnectionOptions built = b.build();
    assertThat(inside).containsOnly('\0');
    assertThat(built.password()).containsExactly('s', 'e', 'c', 'r', 'e', 't');
    assertThat(b.build().password()).as("built again without a password").isEmpty();
  }

  @Test
  void aFailedBuildZeroesTheBuildersPassword() throws Exception {
    ConnectionOptions.Builder b = ConnectionOptions.builder();
    b.password("secret".toCharArray());
    java.lang.reflect.Field f = ConnectionOptions.Builder.class.getDeclaredField("password");
    f.setAccessible(true);
    char[] inside = (char[]) f.get(b);
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    assertThat(inside).containsOnly('\0');
  }

  @Test
  void theDefaultIsNoCredentials() {
    ConnectionOptions o = ConnectionOptions.builder().build();
    assertThat(o.hasCredentials()).isFalse();
    assertThat(o.userName()).isEmpty();
    assertThat(o.password()).isEmpty();
  }

  @Test
  void aPasswordWithoutAUserIsRefused() {
    assertThatThrownBy(() -> ConnectionOptions.builder().password(new char[] {'p'}).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a user name");
    assertThatThrownBy(() -> ConnectionOptions.builder().userName(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMechanismOverrideIsKept() {
    assertThat(
            ConnectionOptions.builder()
                .authMechanism(AuthMechanism.CLIENT_CERTIFICATE)
                .build()
                .authMechanism())
        .contains(AuthMechanism.CLIENT_CERTIFICATE);
  }
}
