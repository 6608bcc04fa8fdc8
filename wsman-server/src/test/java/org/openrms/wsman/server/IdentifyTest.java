package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.Namespaces;

/** Identify as wsman-anchors §6 shapes it, authenticated and unauthenticated. */
class IdentifyTest {
  private static WsmanListener listener;
  private static WsmanListener strict;

  @BeforeAll
  static void start() {
    listener =
        TestListeners.start(b -> b.productVendor("OpenRMS").productVersion("OS: 6.1.0 SP: 0.0"));
    strict = TestListeners.start(b -> b.allowUnencrypted(false));
  }

  @AfterAll
  static void stop() {
    listener.close();
    strict.close();
  }

  @Test
  void authenticatedIdentifyListsVersionAndTheHttpBasicProfile() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer a =
          c.post(TestListeners.identify(), "Authorization", TestListeners.auth());
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.header("content-type")).isEqualTo("application/soap+xml;charset=UTF-8");
      Envelope e = TestListeners.parse(a);
      assertThat(e.header().children()).isEmpty();
      IdentifyResponse r = IdentifyResponse.from(e);
      assertThat(r.protocolVersion()).isEqualTo(Namespaces.WSMAN);
      assertThat(r.productVendor()).isEqualTo("OpenRMS");
      assertThat(r.productVersion()).isEqualTo("OS: 6.1.0 SP: 0.0");
      assertThat(r.securityProfiles())
          .containsExactly("http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/http/basic");
      assertThat(a.text()).contains("xml:lang=\"en-US\"");
    }
  }

  @Test
  void unauthenticatedIdentifyWithholdsVersionAndProfiles() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer a = c.post(TestListeners.identify(), "WSMANIDENTIFY", "unauthenticated");
      assertThat(a.status()).isEqualTo(200);
      IdentifyResponse r = IdentifyResponse.from(TestListeners.parse(a));
      assertThat(r.productVendor()).isEqualTo("OpenRMS");
      assertThat(r.productVersion()).isEqualTo("OS: 0.0.0 SP: 0.0 Stack: 3.0");
      assertThat(r.securityProfiles()).isEmpty();
      assertThat(a.text()).doesNotContain("SecurityProfiles");
    }
  }

  @Test
  void unauthenticatedIdentifyIsAnsweredEvenWhereBasicIsRefusedOverHttp() throws Exception {
    try (RawConnection c = new RawConnection(strict.httpUri())) {
      RawConnection.Answer a = c.post(TestListeners.identify(), "WSMANIDENTIFY", "unauthenticated");
      assertThat(a.status()).isEqualTo(200);
      assertThat(IdentifyResponse.from(TestListeners.parse(a)).securityProfiles()).isEmpty();
    }
  }

  @Test
  void identifyWithoutCredentialsOrTheHeaderIsRefused() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer a = c.post(TestListeners.identify());
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.header("www-authenticate")).isEqualTo("Basic realm=\"WSMAN\"");
      assertThat(a.body()).isEmpty();
    }
  }

  @Test
  void theUnauthenticatedHeaderOpensIdentifyOnlyNotOtherOperations() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer a =
          c.post(
              TestListeners.bytes(TestListeners.get(Namespaces.CONFIG)),
              "WSMANIDENTIFY",
              "unauthenticated");
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.text()).doesNotContain("MaxEnvelopeSizekb");
    }
  }
}
