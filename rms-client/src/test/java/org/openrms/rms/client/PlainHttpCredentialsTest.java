package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.rms.server.RightsServer;

/**
 * Credentials never travel over plain HTTP unless the client opted in with {@code
 * allowBasicOverHttp(true)}: a loopback HTTP server records every request it receives.
 */
class PlainHttpCredentialsTest {
  @TempDir Path store;

  /** One request as the server saw it: method, path, Authorization header or null. */
  record Seen(String method, String path, String authorization) {}

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  HttpServer http;
  URI base;

  @BeforeEach
  void start() throws Exception {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/",
        ex -> {
          seen.add(
              new Seen(
                  ex.getRequestMethod(),
                  ex.getRequestURI().getPath(),
                  ex.getRequestHeaders().getFirst("Authorization")));
          ex.getRequestBody().readAllBytes();
          byte[] body;
          int status;
          if (ex.getRequestURI().getPath().equals("/rms/v1")) {
            status = 200;
            body = "{\"product\":\"OpenRMS\",\"apiVersion\":1,\"serverId\":\"plain\"}".getBytes();
          } else {
            status = 401;
            body = new byte[0];
          }
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    http.start();
    base = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/rms/v1");
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  private RightsClient.Builder client() {
    return RightsClient.builder()
        .serviceUrl(base)
        .credentials("cat", "secret password".toCharArray())
        .storeDirectory(store);
  }

  @Test
  void machineActivationRefusesToSendCredentialsOverPlainHttp() throws Exception {
    StatusRecorder rec = new StatusRecorder();
    try (RightsClient c = client().build();
        ClientSession s = c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, null)) {
      ActivationFuture f =
          s.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, null);
      assertThat(f.await(Activations.WAIT)).isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
      assertThatThrownBy(f::result)
          .isInstanceOf(DrmException.class)
          .hasMessageContaining("refusing to send credentials over plain HTTP")
          .hasMessageContaining(base.toString());
      rec.assertWellOrdered(StatusMessage.ACTIVATE_MACHINE);
      assertThat(rec.terminal().hr()).isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
      assertThat(s.isActivated(ActivationFlag.MACHINE)).isFalse();
    }
    assertThat(seen).as("only the unauthenticated probe of the service root").isNotEmpty();
    assertThat(seen).allSatisfy(r -> assertThat(r.authorization()).isNull());
    assertThat(seen).noneSatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
  }

  @Test
  void userActivationRefusesToSendCredentialsOverPlainHttp(@TempDir Path serverDir)
      throws Exception {
    try (RightsServer server = TestServers.start(serverDir)) {
      TestServers.addUser(server, "cat");
      try (RightsClient https = TestServers.client(server, store, "cat").build()) {
        Activations.activateMachine(https);
      }
      StatusRecorder rec = new StatusRecorder();
      try (RightsClient c = TestServers.client(server, store, "cat").build();
          ClientSession s =
              c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        ActivationServiceInfo plain = ActivationServiceInfo.of(URI.create(base + "/certification"));
        HResult hr = Activations.activateUser(s, rec, plain, false);
        assertThat(hr).isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
        assertThat(rec.hresults()).contains(HResult.S_DRM_CONNECTED);
        assertThat(s.isActivated(ActivationFlag.GROUPIDENTITY)).isFalse();
      }
    }
    assertThat(seen).isNotEmpty();
    assertThat(seen).allSatisfy(r -> assertThat(r.authorization()).isNull());
    assertThat(seen).noneSatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
  }

  @Test
  void withTheOptInTheCredentialsAreSent() throws Exception {
    StatusRecorder rec = new StatusRecorder();
    try (RightsClient c = client().allowBasicOverHttp(true).build();
        ClientSession s = c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, null)) {
      HResult hr =
          s.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, null)
              .await(Activations.WAIT);
      // the recording server answers 401 to everything but the service root
      assertThat(hr).isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
    }
    assertThat(seen)
        .anySatisfy(
            r -> {
              assertThat(r.method()).isEqualTo("POST");
              assertThat(r.authorization()).startsWith("Basic ");
            });
  }

  @Test
  void theOptInIsOffByDefaultAndKeptByNewBuilder() {
    try (RightsClient plain = client().build();
        RightsClient optedIn = client().allowBasicOverHttp(true).build();
        RightsClient copy = optedIn.newBuilder().build()) {
      assertThat(plain.allowsBasicOverHttp()).isFalse();
      assertThat(optedIn.allowsBasicOverHttp()).isTrue();
      assertThat(copy.allowsBasicOverHttp()).isTrue();
    }
  }
}
