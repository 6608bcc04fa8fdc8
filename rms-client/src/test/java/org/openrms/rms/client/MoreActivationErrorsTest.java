package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/**
 * Seed 002 errors not covered by {@link ActivationErrorsTest}: a real local failure
 * (E_DRM_ACTIVATIONFAILED) and a 301 redirect (E_DRM_SERVICE_MOVED with the new location).
 */
class MoreActivationErrorsTest {
  @TempDir static Path tmp;

  @RegisterExtension
  static final TestServers.SharedServer shared = new TestServers.SharedServer(() -> tmp, "cat");

  @TempDir Path store;

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void activationFailedWhenTheRacCannotBeStoredLocally() throws Exception {
    try (RightsClient c = TestServers.client(shared.server(), store, "cat").build()) {
      Activations.activateMachine(c);
      StatusRecorder rec = new StatusRecorder();
      try (ClientSession s =
          c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        // the store's rac directory is replaced by a regular file: persisting must fail
        Path rac = store.resolve("rac");
        Files.delete(rac);
        Files.writeString(rac, "not a directory");
        List<String> before = names(store);
        byte[] machineBefore = Files.readAllBytes(store.resolve("machine/machine-activation.json"));

        HResult hr =
            Activations.activateUser(s, rec, TestServers.certification(shared.server()), false);
        assertThat(hr).isEqualTo(HResult.E_DRM_ACTIVATIONFAILED);
        assertThat(rec.terminal().param()).isNull();
        assertThat(rec.hresults())
            .contains(HResult.S_DRM_CONNECTED)
            .doesNotContain(HResult.S_DRM_COMPLETED);
        assertThat(rec.progress()).doesNotContain(100);

        // nothing partial: the same entries, the file untouched, the machine activation intact
        assertThat(names(store)).isEqualTo(before);
        assertThat(Files.readString(rac)).isEqualTo("not a directory");
        assertThat(Files.readAllBytes(store.resolve("machine/machine-activation.json")))
            .isEqualTo(machineBefore);
        assertThat(names(store.resolve("machine"))).containsExactly("machine-activation.json");
        assertThat(s.isActivated(ActivationFlag.MACHINE)).isTrue();

        Files.delete(rac);
        Files.createDirectory(rac);
        assertThat(names(rac)).isEmpty();
        assertThat(s.isActivated(ActivationFlag.GROUPIDENTITY)).isFalse();
      }
    }
  }

  @Test
  void serviceMovedForA301ReportsTheLocation() throws Exception {
    String newRoot = "https://rms-moved.example.com/rms/v1";
    String newCert = newRoot + "/certification";
    HttpServer moved = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    moved.createContext(
        "/",
        ex -> {
          ex.getRequestBody().readAllBytes();
          String path = ex.getRequestURI().getPath();
          if (path.equals("/old/v1")) {
            byte[] body =
                "{\"product\":\"OpenRMS\",\"apiVersion\":1,\"serverId\":\"o\"}".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
          } else {
            ex.getResponseHeaders().add("Location", path.startsWith("/old") ? newCert : newRoot);
            ex.sendResponseHeaders(301, -1);
          }
          ex.close();
        });
    moved.start();
    String base = "http://127.0.0.1:" + moved.getAddress().getPort();
    try (RightsClient c =
        TestServers.client(shared.server(), store, "cat").allowBasicOverHttp(true).build()) {
      Activations.activateMachine(c);
      // the service root itself moved (GET, no credentials)
      StatusRecorder rec = new StatusRecorder();
      try (ClientSession s =
          c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        ActivationServiceInfo info =
            ActivationServiceInfo.of(URI.create(base + "/rms/v1/certification"));
        assertThat(Activations.activateUser(s, rec, info, false))
            .isEqualTo(HResult.E_DRM_SERVICE_MOVED);
        assertThat(rec.hresults())
            .containsExactly(HResult.S_DRM_CONNECTING, HResult.E_DRM_SERVICE_MOVED);
        assertThat(rec.terminal().param()).isEqualTo(newRoot);
      }
      // the certification endpoint moved (POST)
      StatusRecorder rec2 = new StatusRecorder();
      try (ClientSession s =
          c.createClientSession(rec2, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        ActivationServiceInfo info =
            ActivationServiceInfo.of(URI.create(base + "/old/v1/certification"));
        ActivationFuture f =
            s.activate(EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT), info, null);
        assertThat(f.await(Activations.WAIT)).isEqualTo(HResult.E_DRM_SERVICE_MOVED);
        rec2.assertWellOrdered(StatusMessage.ACTIVATE_GROUPIDENTITY);
        assertThat(rec2.hresults()).contains(HResult.S_DRM_CONNECTED);
        assertThat(rec2.terminal().param()).isEqualTo(newCert);
        assertThatThrownBy(f::result)
            .isInstanceOfSatisfying(
                DrmException.class,
                e -> assertThat(e.getMessage()).contains("301").contains(newCert));
        assertThat(s.isActivated(ActivationFlag.GROUPIDENTITY)).isFalse();
      }
    } finally {
      moved.stop(0);
    }
  }
}
