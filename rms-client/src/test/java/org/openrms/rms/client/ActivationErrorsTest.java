package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.HResult;
import org.openrms.rms.server.NewUser;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;

/**
 * Every error HRESULT of seed 002 (DRM_MSG_ACTIVATE_GROUPIDENTITY), each made to happen for real: a
 * stopped server, an unknown host, a wrong path, wrong credentials, directory entries the server
 * refuses, a moved or decommissioned service, a dead database, a server answering garbage, a chain
 * from another root, a clock far ahead, a cancellation.
 */
class ActivationErrorsTest {
  @TempDir static Path tmp;
  static RightsServer server;
  static Path activatedStore;

  @TempDir Path store;

  @BeforeAll
  static void startServer() throws Exception {
    server =
        TestServers.start(
            tmp.resolve("server-a"), b -> b.machineCertValidity(Duration.ofDays(3650)));
    TestServers.addUser(server, "cat");
    TestServers.addUser(
        server, NewUser.builder("disabled").email("d@example.com").verified(true).enabled(false));
    TestServers.addUser(server, NewUser.builder("nomail").verified(true));
    TestServers.addUser(
        server,
        NewUser.builder("bademail").email("not an address").allowInvalidEmail(true).verified(true));
    TestServers.addUser(
        server, NewUser.builder("unverified").email("u@example.com").verified(false));
    activatedStore = tmp.resolve("activated-store");
    try (RightsClient c = TestServers.client(server, activatedStore, "cat").build()) {
      Activations.activateMachine(c);
    }
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** Runs a silent user activation on the machine-activated store and returns its recorder. */
  private static StatusRecorder userActivation(
      Consumer<RightsClient.Builder> custom, ActivationServiceInfo info) throws Exception {
    RightsClient.Builder b = TestServers.client(server, activatedStore, "cat");
    custom.accept(b);
    StatusRecorder rec = new StatusRecorder();
    try (RightsClient client = b.build();
        ClientSession s =
            client.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
      HResult hr = Activations.activateUser(s, rec, info, false);
      assertThat(hr).isEqualTo(rec.terminal().hr());
      assertThat(s.isActivated(ActivationFlag.MACHINE)).isTrue();
    }
    return rec;
  }

  private static StatusRecorder userActivation(Consumer<RightsClient.Builder> custom)
      throws Exception {
    return userActivation(custom, TestServers.certification(server));
  }

  private static RightsServer otherServer(String name, Consumer<RightsServerConfig.Builder> c) {
    RightsServer s = TestServers.start(tmp.resolve(name), c);
    TestServers.addUser(s, "cat");
    return s;
  }

  @Test
  void noConnectWhenTheServerIsStopped() throws Exception {
    RightsServer stopped = otherServer("stopped", b -> {});
    ActivationServiceInfo info = TestServers.certification(stopped);
    stopped.close();
    StatusRecorder rec = userActivation(b -> {}, info);
    assertThat(rec.hresults()).containsExactly(HResult.S_DRM_CONNECTING, HResult.E_DRM_NO_CONNECT);
  }

  @Test
  void noConnectWhenTlsFails() throws Exception {
    // the client trusts only another server's root: the TLS handshake with server A fails
    try (RightsServer other = otherServer("tls-other", b -> {})) {
      StatusRecorder rec = new StatusRecorder();
      try (RightsClient c =
              TestServers.client(server, store, "cat")
                  .trustedRoots(List.of(other.rootCertificate()))
                  .build();
          ClientSession s = c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, null)) {
        s.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, null)
            .await(Activations.WAIT);
      }
      rec.assertWellOrdered(StatusMessage.ACTIVATE_MACHINE);
      assertThat(rec.hresults())
          .containsExactly(HResult.S_DRM_CONNECTING, HResult.E_DRM_NO_CONNECT);
    }
  }

  @Test
  void noConnectWhenTheServerDropsTheConnection() throws Exception {
    // a listener that accepts and closes at once (with SO_LINGER 0: a reset)
    try (java.net.ServerSocket dropper =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                while (!dropper.isClosed()) {
                  try (java.net.Socket sock = dropper.accept()) {
                    sock.setSoLinger(true, 0);
                  } catch (java.io.IOException e) {
                    return;
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      URI url = URI.create("http://127.0.0.1:" + dropper.getLocalPort() + "/rms/v1/certification");
      StatusRecorder rec = userActivation(b -> {}, ActivationServiceInfo.of(url));
      assertThat(rec.hresults())
          .containsExactly(HResult.S_DRM_CONNECTING, HResult.E_DRM_NO_CONNECT);
    }
  }

  @Test
  void serverNotFoundWhenTheHostNameDoesNotResolve() throws Exception {
    StatusRecorder rec =
        userActivation(
            b -> {},
            ActivationServiceInfo.of(
                URI.create("https://rms.unknown.invalid/rms/v1/certification")));
    assertThat(rec.hresults())
        .containsExactly(HResult.S_DRM_CONNECTING, HResult.E_DRM_SERVER_NOT_FOUND);
  }

  @Test
  void serverNotFoundWhenTheServiceRootAnswers404() throws Exception {
    URI wrong = URI.create("https://127.0.0.1:" + server.port() + "/wrong/v1/certification");
    StatusRecorder rec = userActivation(b -> {}, ActivationServiceInfo.of(wrong));
    assertThat(rec.hresults())
        .containsExactly(HResult.S_DRM_CONNECTING, HResult.E_DRM_SERVER_NOT_FOUND);
  }

  @Test
  void authenticationFailedForAWrongPassword() throws Exception {
    StatusRecorder rec = userActivation(b -> b.credentials("cat", "wrong".toCharArray()));
    assertThat(rec.terminal().hr()).isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
    assertThat(rec.hresults()).contains(HResult.S_DRM_CONNECTED);
  }

  @Test
  void requestDeniedForADisabledAccount() throws Exception {
    StatusRecorder rec =
        userActivation(b -> b.credentials("disabled", TestServers.PASSWORD.toCharArray()));
    assertThat(rec.terminal().hr()).isEqualTo(HResult.E_DRM_REQUEST_DENIED);
  }

  @Test
  void adEntryNotFoundForAUserWithoutEmail() throws Exception {
    StatusRecorder rec =
        userActivation(b -> b.credentials("nomail", TestServers.PASSWORD.toCharArray()));
    assertThat(rec.terminal().hr()).isEqualTo(HResult.E_DRM_AD_ENTRY_NOT_FOUND);
  }

  @Test
  void invalidEmailForADirectoryEmailThatIsNoAddress() throws Exception {
    StatusRecorder rec =
        userActivation(b -> b.credentials("bademail", TestServers.PASSWORD.toCharArray()));
    assertThat(rec.terminal().hr()).isEqualTo(HResult.E_DRM_INVALID_EMAIL);
  }

  @Test
  void emailNotVerifiedForAnUnverifiedEmail() throws Exception {
    StatusRecorder rec =
        userActivation(b -> b.credentials("unverified", TestServers.PASSWORD.toCharArray()));
    assertThat(rec.terminal().hr()).isEqualTo(HResult.E_DRM_EMAIL_NOT_VERIFIED);
  }

  @Test
  void serviceMovedReportsTheNewLocation() throws Exception {
    URI newHome = URI.create("https://rms-new.example.com/rms/v1");
    try (RightsServer moved = otherServer("moved", b -> b.movedTo(newHome))) {
      StatusRecorder rec =
          userActivation(
              b -> b.trustedRoots(List.of(server.rootCertificate(), moved.rootCertificate())),
              TestServers.certification(moved));
      StatusRecorder.Event last = rec.terminal();
      assertThat(last.hr()).isEqualTo(HResult.E_DRM_SERVICE_MOVED);
      assertThat(last.param()).isInstanceOf(String.class);
      assertThat(URI.create((String) last.param()).getHost()).isEqualTo(newHome.getHost());
      assertThat((String) last.param()).startsWith(newHome.toString());
    }
  }

  @Test
  void serviceGoneWhenTheServerWasDecommissioned() throws Exception {
    try (RightsServer gone = otherServer("gone", b -> b.decommissioned(true))) {
      StatusRecorder rec =
          userActivation(
              b -> b.trustedRoots(List.of(server.rootCertificate(), gone.rootCertificate())),
              TestServers.certification(gone));
      assertThat(rec.terminal().hr()).isEqualTo(HResult.E_DRM_SERVICE_GONE);
      assertThat(rec.terminal().param()).isNull();
    }
  }

  @Test
  void serverErrorWhenTheServerDatabaseIsDown() throws Exception {
    try (RightsServer broken = otherServer("db-down", b -> {})) {
      Path brokenStore = tmp.resolve("db-down-store");
      try (RightsClient c = TestServers.client(broken, brokenStore, "cat").build()) {
        Activations.activateMachine(c);
      }
      try (Connection db = DriverManager.getConnection(broken.jdbcUrl(), "sa", "")) {
        db.createStatement().execute("SHUTDOWN");
      }
      StatusRecorder rec = new StatusRecorder();
      try (RightsClient c = TestServers.client(broken, brokenStore, "cat").build();
          ClientSession s =
              c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        Activations.activateUser(s, rec, TestServers.certification(broken), false);
      }
      assertThat(rec.terminal().hr()).isEqualTo(HResult.E_DRM_SERVER_ERROR);
    }
  }

  @Test
  void invalidServerResponseForABodyThatIsNotJson() throws Exception {
    HttpServer garbage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    garbage.createContext(
        "/",
        ex -> {
          byte[] body;
          if (ex.getRequestURI().getPath().equals("/rms/v1")) {
            body =
                "{\"product\":\"OpenRMS\",\"apiVersion\":1,\"serverId\":\"x\"}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
          } else {
            body = "<html>this is not JSON</html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
          }
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    garbage.start();
    try {
      URI url =
          URI.create(
              "http://127.0.0.1:" + garbage.getAddress().getPort() + "/rms/v1/certification");
      StatusRecorder rec =
          userActivation(b -> b.allowBasicOverHttp(true), ActivationServiceInfo.of(url));
      assertThat(rec.terminal().hr()).isEqualTo(HResult.E_DRM_INVALID_SERVER_RESPONSE);
      assertThat(rec.hresults()).contains(HResult.S_DRM_CONNECTED);
    } finally {
      garbage.stop(0);
    }
  }

  @Test
  void invalidServerResponseForAChainFromAnotherRoot() throws Exception {
    // the client trusts server A's root but talks (plain HTTP) to a server with another root
    try (RightsServer other =
        otherServer("other-root", b -> b.plainHttp(true).allowBasicOverHttp(true))) {
      assertThat(other.baseUri().getScheme()).isEqualTo("http");
      StatusRecorder rec = new StatusRecorder();
      try (RightsClient c =
              TestServers.client(other, store, "cat")
                  .trustedRoots(List.of(server.rootCertificate()))
                  .allowBasicOverHttp(true)
                  .build();
          ClientSession s = c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, null)) {
        HResult hr =
            s.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, null)
                .await(Activations.WAIT);
        assertThat(hr).isEqualTo(HResult.E_DRM_INVALID_SERVER_RESPONSE);
        rec.assertWellOrdered(StatusMessage.ACTIVATE_MACHINE);
        assertThat(rec.hresults()).contains(HResult.S_DRM_CONNECTED);
        assertThat(s.isActivated(ActivationFlag.MACHINE)).isFalse();
      }
      assertThat(store.resolve("machine").toFile().list()).isEmpty();
    }
  }

  @Test
  void needsMachineActivationWhenTheServerRefusesTheMachineCertificate() throws Exception {
    // machine certificate from server A, sent to a server with another root: 409
    try (RightsServer other =
        otherServer("refuses", b -> b.plainHttp(true).allowBasicOverHttp(true))) {
      StatusRecorder rec =
          userActivation(b -> b.allowBasicOverHttp(true), TestServers.certification(other));
      assertThat(rec.terminal().hr()).isEqualTo(HResult.E_DRM_NEEDS_MACHINE_ACTIVATION);
      assertThat(rec.hresults()).contains(HResult.S_DRM_CONNECTED);
    }
  }

  @Test
  void needsMachineActivationWhenTheMachineIsNotActivated() throws Exception {
    StatusRecorder rec = new StatusRecorder();
    try (RightsClient c = TestServers.client(server, store, "cat").build();
        ClientSession s =
            c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
      Activations.activateUser(s, rec, TestServers.certification(server), false);
    }
    assertThat(rec.hresults()).containsExactly(HResult.E_DRM_NEEDS_MACHINE_ACTIVATION);
  }

  @Test
  void validityTimeViolationWhenTheClientClockIsFarAhead() throws Exception {
    // a year and a month ahead: the machine certificate (10 years) is valid, the RAC (1 year) not
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofDays(400));
    StatusRecorder rec = userActivation(b -> b.clock(ahead));
    assertThat(rec.terminal().hr()).isEqualTo(HResult.E_DRM_VALIDITYTIME_VIOLATION);
  }

  @Test
  void activationFailedWhenTheServerRejectsTheRequest() throws Exception {
    // a client clock two hours behind: the server refuses the request timestamp (400)
    StatusRecorder rec = new StatusRecorder();
    try (RightsClient c =
            TestServers.client(server, store, "cat")
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)))
                .build();
        ClientSession s = c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, null)) {
      HResult hr =
          s.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, null)
              .await(Activations.WAIT);
      assertThat(hr).isEqualTo(HResult.E_DRM_ACTIVATIONFAILED);
      rec.assertWellOrdered(StatusMessage.ACTIVATE_MACHINE);
      assertThat(s.isActivated(ActivationFlag.MACHINE)).isFalse();
    }
  }
}
