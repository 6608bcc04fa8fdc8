package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seed 003's default-authentication rules, one test per sentence: "If no authentication flags are
 * specified, Kerberos is used unless one of the following conditions is true, in which case
 * Negotiate is used". The trusted hosts and the workgroup state are injected; nothing is looked up.
 */
class DefaultAuthenticationTest {
  private static final Set<SessionFlag> NO_FLAGS = EnumSet.noneOf(SessionFlag.class);

  private static final AuthSelector DOMAIN_MEMBER_TRUSTING_CORP =
      AuthSelector.builder().kerberosRealm("CORP.COM").trustedHosts("*.corp.com").build();
  private static final AuthSelector DOMAIN_MEMBER_TRUSTING_NOBODY =
      AuthSelector.builder().kerberosRealm("CORP.COM").build();
  private static final AuthSelector WORKGROUP_TRUSTING_CORP =
      AuthSelector.builder().trustedHosts("*.corp.com, 10.0.0.*").build();
  private static final AuthSelector WORKGROUP_TRUSTING_NOBODY = AuthSelector.builder().build();

  private static ConnectionOptions credentials() {
    return ConnectionOptions.builder().userName("admin").password("pw".toCharArray()).build();
  }

  private static AuthMechanism select(AuthSelector s, String host, ConnectionOptions options) {
    return s.select(ConnectionString.parse(host), NO_FLAGS, options);
  }

  @Test
  void ifNoAuthenticationFlagsAreSpecifiedKerberosIsUsed() {
    assertThat(select(DOMAIN_MEMBER_TRUSTING_CORP, "server.other.com", null))
        .isEqualTo(AuthMechanism.KERBEROS);
    assertThat(select(DOMAIN_MEMBER_TRUSTING_CORP, "server.other.com", credentials()))
        .isEqualTo(AuthMechanism.KERBEROS);
    assertThat(select(DOMAIN_MEMBER_TRUSTING_NOBODY, "server.corp.com", credentials()))
        .isEqualTo(AuthMechanism.KERBEROS);
    assertThat(select(WORKGROUP_TRUSTING_NOBODY, "server.corp.com", null))
        .isEqualTo(AuthMechanism.KERBEROS);
  }

  @Test
  void explicitCredentialsAreSuppliedAndTheDestinationHostIsTrusted() {
    assertThat(select(DOMAIN_MEMBER_TRUSTING_CORP, "server.corp.com", credentials()))
        .isEqualTo(AuthMechanism.NEGOTIATE);
    assertThat(select(DOMAIN_MEMBER_TRUSTING_CORP, "https://a.b.corp.com/x", credentials()))
        .isEqualTo(AuthMechanism.NEGOTIATE);
    // trusted host without explicit credentials, on a domain member: still Kerberos
    assertThat(select(DOMAIN_MEMBER_TRUSTING_CORP, "server.corp.com", null))
        .isEqualTo(AuthMechanism.KERBEROS);
    // options without a user name are not explicit credentials
    assertThat(
            select(
                DOMAIN_MEMBER_TRUSTING_CORP,
                "server.corp.com",
                ConnectionOptions.builder().build()))
        .isEqualTo(AuthMechanism.KERBEROS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "localhost",
        "LOCALHOST",
        "http://localhost:5985/wsman",
        "127.0.0.1",
        "https://127.0.0.1:443",
        "[::1]",
        "https://[::1]:5986/wsman",
        "[0:0:0:0:0:0:0:1]"
      })
  void theDestinationHostIsLocalhost127001OrIpv6Loopback(String connection) {
    assertThat(select(DOMAIN_MEMBER_TRUSTING_NOBODY, connection, null))
        .isEqualTo(AuthMechanism.NEGOTIATE);
    assertThat(select(DOMAIN_MEMBER_TRUSTING_NOBODY, connection, credentials()))
        .isEqualTo(AuthMechanism.NEGOTIATE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.2", "localhost.corp.com", "[::2]", "mylocalhost"})
  void otherHostsAreNotLoopback(String connection) {
    assertThat(select(DOMAIN_MEMBER_TRUSTING_NOBODY, connection, null))
        .isEqualTo(AuthMechanism.KERBEROS);
  }

  @Test
  void theClientComputerIsInAWorkgroupAndTheDestinationHostIsTrusted() {
    assertThat(select(WORKGROUP_TRUSTING_CORP, "server.corp.com", null))
        .isEqualTo(AuthMechanism.NEGOTIATE);
    assertThat(select(WORKGROUP_TRUSTING_CORP, "10.0.0.7", null))
        .isEqualTo(AuthMechanism.NEGOTIATE);
    // workgroup, host not trusted: Kerberos
    assertThat(select(WORKGROUP_TRUSTING_CORP, "10.0.1.7", null)).isEqualTo(AuthMechanism.KERBEROS);
    assertThat(select(WORKGROUP_TRUSTING_CORP, "server.other.com", credentials()))
        .isEqualTo(AuthMechanism.KERBEROS);
    assertThat(WORKGROUP_TRUSTING_CORP.isWorkgroupClient()).isTrue();
    assertThat(DOMAIN_MEMBER_TRUSTING_CORP.isWorkgroupClient()).isFalse();
  }

  @Test
  void aWildcardTrustsEveryHost() {
    AuthSelector all = AuthSelector.builder().kerberosRealm("CORP.COM").trustedHosts("*").build();
    assertThat(select(all, "anything.example", credentials())).isEqualTo(AuthMechanism.NEGOTIATE);
    assertThat(select(all, "anything.example", null)).isEqualTo(AuthMechanism.KERBEROS);
  }

  /**
   * "No flag settings are required for a connection to the WinRM service on the local computer."
   */
  @Test
  void noFlagSettingsAreRequiredForAConnectionToTheWinRmServiceOnTheLocalComputer() {
    SessionPlan plan = WSMan.builder().build().createSession(null, 0, null).plan();
    assertThat(plan.endpoint().toString()).isEqualTo("http://localhost:5985/wsman");
    assertThat(plan.mechanism()).isEqualTo(AuthMechanism.NEGOTIATE);
  }

  /**
   * "This parameter must contain one or more of the flags in __WSManSessionFlags for a remote
   * connection." With none, the default rules above choose: a remote, untrusted host gets Kerberos.
   */
  @Test
  void aRemoteConnectionWithoutFlagsFollowsTheDefaultRules() {
    SessionPlan plan = WSMan.builder().build().createSession("server.corp.com", 0, null).plan();
    assertThat(plan.mechanism()).isEqualTo(AuthMechanism.KERBEROS);
    assertThat(plan.flags()).isEmpty();
  }
}
