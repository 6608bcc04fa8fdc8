package org.openrms.wsman.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.client.WsmanAuthenticationException;

/** Reading WWW-Authenticate tokens, krb5.conf realms and Kerberos principal names. */
class NegotiateTokensTest {
  @Test
  void theTokenOfTheSchemeIsFoundAmongOthers() {
    List<String> headers = List.of("Basic realm=\"WSMAN\"", "Negotiate AQID", "Kerberos BAUG");
    assertThat(NegotiateConnection.token(headers, "Negotiate")).containsExactly(1, 2, 3);
    assertThat(NegotiateConnection.token(headers, "kerberos")).containsExactly(4, 5, 6);
    assertThat(NegotiateConnection.token(List.of("Negotiate, Basic"), "Negotiate")).isNull();
    assertThat(NegotiateConnection.token(List.of("NegotiateX AQID"), "Negotiate")).isNull();
    assertThat(NegotiateConnection.token(List.of(), "Negotiate")).isNull();
  }

  @Test
  void aTokenThatIsNotBase64IsAnAuthenticationFailure() {
    assertThatThrownBy(() -> NegotiateConnection.token(List.of("Negotiate !!!"), "Negotiate"))
        .isInstanceOf(WsmanAuthenticationException.class)
        .hasMessageContaining("not base64");
  }

  @Test
  void aRealmCountsOnlyWithAKdc() {
    List<String> conf =
        List.of(
            "[libdefaults]",
            "  default_realm = CORP.TEST",
            "[realms]",
            "  CORP.TEST = {",
            "    admin_server = a.corp.test",
            "    kdc = dc1.corp.test:88",
            "  }",
            "  EMPTY.TEST = {",
            "    admin_server = x",
            "  }",
            "[domain_realm]",
            "  kdc = NOT.A.REALM");
    assertThat(Krb5Realms.hasKdc(conf, "CORP.TEST")).isTrue();
    assertThat(Krb5Realms.hasKdc(conf, "corp.test")).isTrue();
    assertThat(Krb5Realms.hasKdc(conf, "EMPTY.TEST")).isFalse();
    assertThat(Krb5Realms.hasKdc(conf, "OTHER.TEST")).isFalse();
    assertThat(Krb5Realms.isKerberosUser("DOMAIN\\alice")).isFalse();
    assertThat(Krb5Realms.isKerberosUser("alice")).isFalse();
  }

  @Test
  void principalsFromWindowsLogins() {
    assertThat(NegotiateAuth.principal("alice@CORP.TEST")).isEqualTo("alice@CORP.TEST");
    assertThat(NegotiateAuth.principal("corp\\alice")).isEqualTo("alice@CORP");
    assertThat(NegotiateAuth.principal("alice")).isEqualTo("alice");
  }
}
