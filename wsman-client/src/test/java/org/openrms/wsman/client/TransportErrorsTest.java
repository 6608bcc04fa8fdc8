package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.WsmanFaultException;
import org.openrms.wsman.server.WsmanListener;

/** Authentication, HTTP and connection failures, each as its own exception; reconnects. */
class TransportErrorsTest {
  @Test
  void aWrongPasswordIsAnAuthenticationExceptionThatNeverShowsThePassword() {
    try (WsmanListener l = Listeners.start(b -> {});
        ConnectionOptions wrong = Listeners.alice("not-the-Secret");
        Session s =
            WSMan.builder()
                .build()
                .createSession(
                    l.httpUri().toString(),
                    EnumSet.of(SessionFlag.USE_BASIC, SessionFlag.NO_ENCRYPTION),
                    wrong)) {
      assertThatThrownBy(s::identify)
          .isInstanceOf(WsmanAuthenticationException.class)
          .hasMessageContaining("401")
          .hasMessageContaining("alice")
          .hasMessageNotContaining("not-the-Secret");
      assertThat(s.error()).contains("401").doesNotContain("not-the-Secret");
    }
  }

  @Test
  void basicOverPlainHttpIsRefusedBeforeSendingUnlessTheSessionAllowsUnencrypted() {
    try (WsmanListener l = Listeners.start(b -> {});
        ConnectionOptions alice = Listeners.alice();
        Session s =
            WSMan.builder()
                .build()
                .createSession(l.httpUri().toString(), EnumSet.of(SessionFlag.USE_BASIC), alice)) {
      assertThatThrownBy(s::identify)
          .isInstanceOf(WsmanAuthenticationException.class)
          .hasMessageContaining("unencrypted");
    }
    try (WsmanListener l = Listeners.start(b -> {});
        ConnectionOptions alice = Listeners.alice();
        Session s =
            WSMan.builder()
                .allowUnencrypted(true)
                .build()
                .createSession(l.httpUri().toString(), EnumSet.of(SessionFlag.USE_BASIC), alice)) {
      assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
    }
  }

  @Test
  void digestAndCredSspFailClearlyAsNotSupportedYet() {
    for (SessionFlag f : EnumSet.of(SessionFlag.USE_DIGEST, SessionFlag.USE_CRED_SSP)) {
      try (ConnectionOptions alice = Listeners.alice();
          Session s =
              WSMan.builder().build().createSession("http://127.0.0.1:1", EnumSet.of(f), alice)) {
        assertThatThrownBy(s::identify)
            .isInstanceOf(UnsupportedOperationException.class)
            .hasMessageContaining("not supported yet");
      }
    }
  }

  @Test
  void aRefusedConnectionIsAConnectionExceptionNamingTheEndpoint() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (Session s =
        WSMan.builder()
            .build()
            .createSession(
                "http://127.0.0.1:" + port, EnumSet.of(SessionFlag.USE_NO_AUTHENTICATION), null)) {
      assertThatThrownBy(s::identify)
          .isInstanceOf(WsmanConnectionException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    }
  }

  @Test
  void aWrongPathIsAnHttpExceptionWithTheStatus() {
    try (WsmanListener l = Listeners.start(b -> {});
        ConnectionOptions alice = Listeners.alice();
        Session s =
            WSMan.builder()
                .build()
                .createSession(
                    "http://127.0.0.1:" + l.httpPort() + "/elsewhere",
                    EnumSet.of(SessionFlag.USE_BASIC, SessionFlag.NO_ENCRYPTION),
                    alice)) {
      assertThatThrownBy(s::identify)
          .isInstanceOfSatisfying(
              WsmanHttpException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
  }

  @Test
  void theSessionReconnectsWhenTheServiceClosedItsConnection() {
    int port;
    try (WsmanListener first = Listeners.start(b -> {});
        Session s = Listeners.basic(first)) {
      port = first.httpPort();
      s.identify();
      first.close();
      try (WsmanListener second = Listeners.start(b -> b.httpPort(port))) {
        assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
        assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
      }
    }
  }

  @Test
  void anEnvelopeLargerThanTheLimitIsRefusedWithoutSending() {
    Things things = new Things();
    things.store.put("1", Things.thing("one"));
    try (WsmanListener l = Listeners.start(b -> b.resource(things));
        Session s = Listeners.basic(WSMan.builder().maxEnvelopeSize(8192).build(), l)) {
      String big = "<t:Thing xmlns:t=\"" + Things.URI + "\">" + "x".repeat(10_000) + "</t:Thing>";
      assertThatThrownBy(
              () -> s.put(ResourceLocator.builder(Things.URI).selector("Id", "1").build(), big))
          .isInstanceOf(WsmanFaultException.EncodingLimit.class)
          .hasMessageContaining("8192");
      assertThat(things.seen).isEmpty();
    }
  }

  @Test
  void theServiceLimitIsLearnedFromItsConfig() {
    try (WsmanListener l = Listeners.start(b -> b.maxEnvelopeSize(256 * 1024));
        Session s = Listeners.basic(l)) {
      assertThat(s.serviceMaxEnvelopeSize()).isEqualTo(256 * 1024);
    }
  }
}
