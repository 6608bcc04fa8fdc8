package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.Namespaces;

/** HTTP Basic against the local accounts, and the plain-HTTP rule. */
class AuthenticationTest {
  private static WsmanListener listener;
  private static WsmanListener strict;

  @BeforeAll
  static void start() {
    listener = TestListeners.start(b -> {});
    strict = TestListeners.start(b -> b.allowUnencrypted(false));
  }

  @AfterAll
  static void stop() {
    listener.close();
    strict.close();
  }

  private static byte[] getConfig() {
    return TestListeners.bytes(TestListeners.get(Namespaces.CONFIG));
  }

  @Test
  void wrongPasswordIs401WithTheBasicChallenge() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer a =
          c.post(getConfig(), "Authorization", RawConnection.basic("alice", "wrong"));
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.header("www-authenticate")).isEqualTo("Basic realm=\"WSMAN\"");
      assertThat(a.text()).isEmpty();
    }
  }

  @Test
  void unknownUserMalformedHeaderAndOtherSchemesAre401() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      for (String auth :
          new String[] {
            RawConnection.basic("mallory", TestListeners.PASSWORD),
            "Basic !!!notbase64",
            "Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes()),
            "Negotiate TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==",
            "basic"
          }) {
        RawConnection.Answer a = c.post(getConfig(), "Authorization", auth);
        assertThat(a.status()).as(auth).isEqualTo(401);
        assertThat(a.header("www-authenticate")).isEqualTo("Basic realm=\"WSMAN\"");
      }
    }
  }

  @Test
  void theRightPasswordGetsThrough() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      assertThat(c.post(getConfig(), "Authorization", TestListeners.auth()).status())
          .isEqualTo(200);
    }
  }

  @Test
  void basicOverPlainHttpWithoutAllowUnencryptedIsRefusedWithoutAChallenge() throws Exception {
    try (RawConnection c = new RawConnection(strict.httpUri())) {
      RawConnection.Answer a = c.post(getConfig(), "Authorization", TestListeners.auth());
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.header("www-authenticate")).isNull();
      assertThat(a.text()).isEmpty();
      // Identify with the right password too: nothing but anonymous Identify over plain HTTP.
      RawConnection.Answer id =
          c.post(TestListeners.identify(), "Authorization", TestListeners.auth());
      assertThat(id.status()).isEqualTo(401);
      assertThat(id.header("www-authenticate")).isNull();
    }
  }

  @Test
  void theConnectionSurvivesA401() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      assertThat(c.post(getConfig()).status()).isEqualTo(401);
      assertThat(c.post(getConfig(), "Authorization", RawConnection.basic("alice", "x")).status())
          .isEqualTo(401);
      RawConnection.Answer ok = c.post(getConfig(), "Authorization", TestListeners.auth());
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.text()).contains("MaxEnvelopeSizekb");
    }
    try (RawConnection c = new RawConnection(strict.httpUri())) {
      assertThat(c.post(getConfig(), "Authorization", TestListeners.auth()).status())
          .isEqualTo(401);
      assertThat(c.post(TestListeners.identify(), "WSMANIDENTIFY", "unauthenticated").status())
          .isEqualTo(200);
    }
  }

  @Test
  void jdkHttpClientSeesTheChallenge() throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpResponse<String> r =
        client.send(
            java.net.http.HttpRequest.newBuilder(listener.httpUri())
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(getConfig()))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"WSMAN\"");
  }
}
