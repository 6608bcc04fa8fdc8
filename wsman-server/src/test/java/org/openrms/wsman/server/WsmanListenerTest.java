package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.server.DispatchTest.Things;

class WsmanListenerTest {
  @Test
  void defaultsFollowWindows() {
    WsmanListenerConfig c = WsmanListenerConfig.builder().build();
    assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(c.httpPort()).isZero();
    assertThat(c.allowUnencrypted()).isFalse();
    assertThat(c.maxEnvelopeSize()).isEqualTo(512_000);
    assertThat(c.accounts().names()).isEmpty();
    assertThat(c.productVersion()).matches("OS: \\d+\\.\\d+\\.\\d+ SP: 0\\.0 Stack: 3\\.0");
    assertThat(c.resources()).isEmpty();
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> WsmanListenerConfig.builder().maxEnvelopeSize(8191))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WsmanListenerConfig.builder().httpPort(65536))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WsmanListenerConfig.builder().bindAddress(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> WsmanListenerConfig.builder().resource(new Things()).resource(new Things()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                WsmanListenerConfig.builder()
                    .resource(
                        new Resource() {
                          @Override
                          public String resourceUri() {
                            return Namespaces.CONFIG;
                          }
                        }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already registered");
  }

  @Test
  void startsOnAnEphemeralPortAndClosesIdempotently() throws Exception {
    WsmanListener l = TestListeners.start(b -> {});
    int port = l.httpPort();
    assertThat(port).isPositive();
    assertThat(l.httpUri().toString()).isEqualTo("http://127.0.0.1:" + port + "/wsman");
    try (RawConnection c = new RawConnection(l.httpUri())) {
      assertThat(c.post(TestListeners.identify(), "Authorization", TestListeners.auth()).status())
          .isEqualTo(200);
    }
    l.close();
    l.close();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void aTakenPortIsAnIOException() throws Exception {
    try (WsmanListener first = TestListeners.start(b -> {})) {
      assertThatThrownBy(() -> TestListeners.start(b -> b.httpPort(first.httpPort())))
          .hasCauseInstanceOf(IOException.class);
    }
  }
}
