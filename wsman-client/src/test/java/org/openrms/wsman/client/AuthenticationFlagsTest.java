package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "The session flags that specify the authentication method, such as Negotiate authentication or
 * Digest authentication": explicit choices win over the default rules; conflicting ones are
 * refused.
 */
class AuthenticationFlagsTest {
  private static final AuthSelector SELECTOR =
      AuthSelector.builder().kerberosRealm("CORP.COM").trustedHosts("*.corp.com").build();

  private static ConnectionOptions credentials() {
    return ConnectionOptions.builder().userName("admin").password("pw".toCharArray()).build();
  }

  private static AuthMechanism select(String host, Set<SessionFlag> flags, ConnectionOptions o) {
    return SELECTOR.select(
        ConnectionString.parse(host, flags.contains(SessionFlag.USE_SSL)), flags, o);
  }

  @ParameterizedTest
  @EnumSource(
      value = SessionFlag.class,
      names = {"USE_DIGEST", "USE_NEGOTIATE", "USE_BASIC", "USE_KERBEROS", "USE_CRED_SSP"})
  void theSessionFlagsSpecifyTheAuthenticationMethod(SessionFlag flag) {
    AuthMechanism expected = flag.authMechanism().orElseThrow();
    // wins over the default for localhost (Negotiate) and for an untrusted host (Kerberos)
    assertThat(select("localhost", EnumSet.of(flag), credentials())).isEqualTo(expected);
    assertThat(select("server.other.com", EnumSet.of(flag), credentials())).isEqualTo(expected);
  }

  @Test
  void useNoAuthenticationSelectsNone() {
    assertThat(select("server.other.com", EnumSet.of(SessionFlag.USE_NO_AUTHENTICATION), null))
        .isEqualTo(AuthMechanism.NONE);
  }

  @Test
  void theOptionsMechanismOverridesTheDefaultRules() {
    ConnectionOptions cert =
        ConnectionOptions.builder().authMechanism(AuthMechanism.CLIENT_CERTIFICATE).build();
    assertThat(select("https://server.other.com", EnumSet.noneOf(SessionFlag.class), cert))
        .isEqualTo(AuthMechanism.CLIENT_CERTIFICATE);
    ConnectionOptions basic =
        ConnectionOptions.builder()
            .userName("u")
            .password("p".toCharArray())
            .authMechanism(AuthMechanism.BASIC)
            .build();
    assertThat(select("localhost", EnumSet.of(SessionFlag.USE_BASIC), basic))
        .isEqualTo(AuthMechanism.BASIC);
  }

  @Test
  void twoAuthenticationFlagsAreRefused() {
    assertThatThrownBy(
            () ->
                select(
                    "h",
                    EnumSet.of(SessionFlag.USE_BASIC, SessionFlag.USE_KERBEROS),
                    credentials()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one authentication flag")
        .hasMessageContaining("USE_BASIC")
        .hasMessageContaining("USE_KERBEROS");
  }

  @Test
  void useNoAuthenticationWithAnotherAuthenticationFlagIsRefused() {
    assertThatThrownBy(
            () ->
                select(
                    "h",
                    EnumSet.of(SessionFlag.USE_NO_AUTHENTICATION, SessionFlag.USE_DIGEST),
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UseNoAuthentication cannot be combined with [USE_DIGEST]");
  }

  @Test
  void useNoAuthenticationWithCredentialsIsRefused() {
    assertThatThrownBy(
            () -> select("h", EnumSet.of(SessionFlag.USE_NO_AUTHENTICATION), credentials()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UseNoAuthentication cannot be used with explicit credentials");
    assertThatThrownBy(
            () ->
                select(
                    "h",
                    EnumSet.of(
                        SessionFlag.USE_NO_AUTHENTICATION, SessionFlag.CRED_USERNAME_PASSWORD),
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UseNoAuthentication cannot be combined with CredUsernamePassword");
  }

  @Test
  void credUsernamePasswordWithoutCredentialsIsRefused() {
    assertThatThrownBy(() -> select("h", EnumSet.of(SessionFlag.CRED_USERNAME_PASSWORD), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CredUsernamePassword needs connection options with a user name");
    assertThat(
            select(
                "h",
                EnumSet.of(SessionFlag.CRED_USERNAME_PASSWORD, SessionFlag.USE_BASIC),
                credentials()))
        .isEqualTo(AuthMechanism.BASIC);
  }

  @ParameterizedTest
  @EnumSource(
      value = SessionFlag.class,
      names = {"USE_BASIC", "USE_DIGEST", "USE_CRED_SSP"})
  void basicDigestAndCredSspWithoutCredentialsAreRefused(SessionFlag flag) {
    assertThatThrownBy(() -> select("h", EnumSet.of(flag), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("authentication needs explicit credentials");
  }

  @Test
  void aFlagThatDisagreesWithTheOptionsMechanismIsRefused() {
    ConnectionOptions kerberos =
        ConnectionOptions.builder().authMechanism(AuthMechanism.KERBEROS).build();
    assertThatThrownBy(() -> select("h", EnumSet.of(SessionFlag.USE_NEGOTIATE), kerberos))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("USE_NEGOTIATE conflicts with the options' mechanism KERBEROS");
  }

  @Test
  void aClientCertificateNeedsHttps() {
    ConnectionOptions cert =
        ConnectionOptions.builder().authMechanism(AuthMechanism.CLIENT_CERTIFICATE).build();
    assertThatThrownBy(() -> select("http://h", EnumSet.noneOf(SessionFlag.class), cert))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs the https transport");
    assertThat(select("h", EnumSet.of(SessionFlag.USE_SSL), cert))
        .isEqualTo(AuthMechanism.CLIENT_CERTIFICATE);
  }
}
