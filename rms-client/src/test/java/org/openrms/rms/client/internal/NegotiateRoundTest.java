package org.openrms.rms.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The service principal a Negotiate round asks a ticket for. */
class NegotiateRoundTest {
  @Test
  void theDefaultServicePrincipalIsHttpAtTheUrlHost() {
    KerberosSettings k = KerberosSettings.DEFAULTS;
    assertThat(
            NegotiateRound.servicePrincipal(k, URI.create("https://RMS.Example.com:8443/rms/v1")))
        .isEqualTo("HTTP/rms.example.com");
    assertThat(NegotiateRound.servicePrincipal(k, URI.create("https://[::1]:8443/rms/v1")))
        .isEqualTo("HTTP/::1");
    KerberosSettings named = new KerberosSettings("HTTP/rms@CORP.TEST", null, false);
    assertThat(NegotiateRound.servicePrincipal(named, URI.create("https://other/rms/v1")))
        .isEqualTo("HTTP/rms@CORP.TEST");
  }

  @Test
  void aPrincipalWithoutRealmIsInTheClientsRealm() {
    assertThat(NegotiateRound.inClientRealm("HTTP/localhost", "carol@AD.TEST"))
        .isEqualTo("HTTP/localhost@AD.TEST");
    assertThat(NegotiateRound.inClientRealm("HTTP/localhost@KDC.TEST", "carol@AD.TEST"))
        .isEqualTo("HTTP/localhost@KDC.TEST");
    assertThat(NegotiateRound.inClientRealm("HTTP/localhost", "carol")).isEqualTo("HTTP/localhost");
  }
}
