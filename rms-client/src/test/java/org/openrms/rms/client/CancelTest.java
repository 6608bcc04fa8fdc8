package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.HResult;

/** E_DRM_ABORTED: cancelling at any point, also from inside the callback. */
class CancelTest {
  @TempDir static Path tmp;

  @RegisterExtension
  static final TestServers.SharedServer shared = new TestServers.SharedServer(() -> tmp, "cat");

  static Path activatedStore;

  @BeforeAll
  static void activateTheMachine() throws Exception {
    activatedStore = tmp.resolve("store");
    try (RightsClient c = TestServers.client(shared.server(), activatedStore, "cat").build()) {
      Activations.activateMachine(c);
    }
  }

  private static final EnumSet<ActivationFlag> USER =
      EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT);

  @Test
  void cancelWhileConnectingEndsWithAborted() throws Exception {
    CountDownLatch cancelled = new CountDownLatch(1);
    StatusRecorder rec =
        new StatusRecorder() {
          @Override
          public void onStatus(StatusMessage msg, HResult hr, Object param, Object context) {
            super.onStatus(msg, hr, param, context);
            if (hr == HResult.S_DRM_CONNECTING) {
              await(cancelled);
            }
          }
        };
    try (RightsClient c = TestServers.client(shared.server(), activatedStore, "cat").build();
        ClientSession s =
            c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
      int before = racCount(s);
      ActivationFuture f = s.activate(USER, TestServers.certification(shared.server()), null);
      assertThat(f.cancel()).isTrue();
      cancelled.countDown();
      assertThat(f.await(Activations.WAIT)).isEqualTo(HResult.E_DRM_ABORTED);
      rec.assertWellOrdered(StatusMessage.ACTIVATE_GROUPIDENTITY);
      assertThat(rec.terminal().hr()).isEqualTo(HResult.E_DRM_ABORTED);
      assertThat(racCount(s)).isEqualTo(before);
    }
  }

  @Test
  void cancelFromInsideTheCallbackWorks() throws Exception {
    ClientSession[] self = new ClientSession[1];
    StatusRecorder rec =
        new StatusRecorder() {
          @Override
          public void onStatus(StatusMessage msg, HResult hr, Object param, Object context) {
            super.onStatus(msg, hr, param, context);
            if (hr == HResult.S_DRM_CONNECTED) {
              self[0].activate(EnumSet.of(ActivationFlag.CANCEL), null, null);
            }
          }
        };
    try (RightsClient c = TestServers.client(shared.server(), activatedStore, "cat").build();
        ClientSession s =
            c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
      self[0] = s;
      int before = racCount(s);
      HResult hr =
          s.activate(USER, TestServers.certification(shared.server()), null)
              .await(Activations.WAIT);
      assertThat(hr).isEqualTo(HResult.E_DRM_ABORTED);
      rec.assertWellOrdered(StatusMessage.ACTIVATE_GROUPIDENTITY);
      assertThat(rec.hresults())
          .containsExactly(
              HResult.S_DRM_CONNECTING, HResult.S_DRM_CONNECTED, HResult.E_DRM_ABORTED);
      assertThat(racCount(s)).isEqualTo(before);
    }
  }

  @Test
  void cancelFlagReturnsTheFutureOfTheActivationItCancels() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    StatusRecorder rec =
        new StatusRecorder() {
          @Override
          public void onStatus(StatusMessage msg, HResult hr, Object param, Object context) {
            super.onStatus(msg, hr, param, context);
            if (hr == HResult.S_DRM_CONNECTING) {
              await(release);
            }
          }
        };
    try (RightsClient c = TestServers.client(shared.server(), activatedStore, "cat").build();
        ClientSession s =
            c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
      ActivationFuture f = s.activate(USER, TestServers.certification(shared.server()), null);
      ActivationFuture viaFlag = s.activate(EnumSet.of(ActivationFlag.CANCEL), null, null);
      release.countDown();
      assertThat(viaFlag.await(Activations.WAIT)).isEqualTo(HResult.E_DRM_ABORTED);
      assertThat(f.await(Activations.WAIT)).isEqualTo(HResult.E_DRM_ABORTED);
      assertThat(rec.events.stream().filter(e -> e.hr() == HResult.E_DRM_ABORTED)).hasSize(1);
    }
  }

  @Test
  void aCancelAfterTheRacIsStoredIsIgnoredAndTheActivationCompletes() throws Exception {
    ClientSession[] self = new ClientSession[1];
    ActivationFuture[] cancelFuture = new ActivationFuture[1];
    List<Integer> racsAtHundred = new java.util.concurrent.CopyOnWriteArrayList<>();
    StatusRecorder rec =
        new StatusRecorder() {
          @Override
          public void onStatus(StatusMessage msg, HResult hr, Object param, Object context) {
            super.onStatus(msg, hr, param, context);
            if (hr == HResult.S_DRM_INPROGRESS && Integer.valueOf(100).equals(param)) {
              racsAtHundred.add(racCount(self[0]));
              cancelFuture[0] = self[0].activate(EnumSet.of(ActivationFlag.CANCEL), null, null);
            }
          }
        };
    try (RightsClient c = TestServers.client(shared.server(), activatedStore, "cat").build();
        ClientSession s =
            c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
      self[0] = s;
      int before = racCount(s);
      ActivationFuture f = s.activate(USER, TestServers.certification(shared.server()), null);
      assertThat(f.await(Activations.WAIT)).isEqualTo(HResult.S_DRM_COMPLETED);
      rec.assertWellOrdered(StatusMessage.ACTIVATE_GROUPIDENTITY);
      assertThat(rec.terminal().hr()).isEqualTo(HResult.S_DRM_COMPLETED);
      assertThat(racsAtHundred)
          .as("the RAC is stored when 100 is reported")
          .containsExactly(before + 1);
      assertThat(cancelFuture[0].await(Activations.WAIT)).isEqualTo(HResult.S_DRM_COMPLETED);
      assertThat(f.result()).isEqualTo(rec.terminal().param());
      assertThat(racCount(s)).isEqualTo(before + 1);
    }
  }

  @Test
  void aCancelAfterTheMachineCertificateIsStoredIsIgnored() throws Exception {
    ClientSession[] self = new ClientSession[1];
    StatusRecorder rec =
        new StatusRecorder() {
          @Override
          public void onStatus(StatusMessage msg, HResult hr, Object param, Object context) {
            super.onStatus(msg, hr, param, context);
            if (hr == HResult.S_DRM_INPROGRESS && Integer.valueOf(100).equals(param)) {
              self[0].activate(EnumSet.of(ActivationFlag.CANCEL), null, null);
            }
          }
        };
    try (RightsClient c =
            TestServers.client(shared.server(), tmp.resolve("commit-store"), "cat").build();
        ClientSession s = c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, null)) {
      self[0] = s;
      HResult hr =
          s.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, null)
              .await(Activations.WAIT);
      assertThat(hr).isEqualTo(HResult.S_DRM_COMPLETED);
      rec.assertWellOrdered(StatusMessage.ACTIVATE_MACHINE);
      assertThat(s.isActivated(ActivationFlag.MACHINE)).isTrue();
    }
  }

  @Test
  void cancelWithNothingInProgressIsANoOp() throws Exception {
    StatusRecorder rec = new StatusRecorder();
    try (RightsClient c = TestServers.client(shared.server(), activatedStore, "cat").build();
        ClientSession s =
            c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
      ActivationFuture f = s.activate(EnumSet.of(ActivationFlag.CANCEL), null, null);
      assertThat(f.isDone()).isTrue();
      assertThat(f.await(Duration.ZERO)).isEqualTo(HResult.S_OK);
      assertThat(f.result()).isNull();
    }
    assertThat(rec.events).isEmpty();
  }

  @Test
  void cancelAbortsARequestInFlight() throws Exception {
    CountDownLatch requestArrived = new CountDownLatch(1);
    HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    slow.createContext(
        "/",
        ex -> {
          if (ex.getRequestURI().getPath().equals("/rms/v1")) {
            byte[] body =
                "{\"product\":\"OpenRMS\",\"apiVersion\":1,\"serverId\":\"slow\"}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
          } else {
            requestArrived.countDown();
            try {
              Thread.sleep(30_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          ex.close();
        });
    slow.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + slow.getAddress().getPort() + "/rms/v1");
      StatusRecorder rec = new StatusRecorder();
      try (RightsClient c =
              RightsClient.builder()
                  .serviceUrl(base)
                  .trustedRoots(List.of(shared.server().rootCertificate()))
                  .credentials("cat", "pw".toCharArray())
                  .allowBasicOverHttp(true)
                  .storeDirectory(tmp.resolve("slow-store"))
                  .build();
          ClientSession s = c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, null)) {
        ActivationFuture f =
            s.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, null);
        assertThat(requestArrived.await(20, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        f.cancel();
        assertThat(f.await(Duration.ofSeconds(10))).isEqualTo(HResult.E_DRM_ABORTED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        rec.assertWellOrdered(StatusMessage.ACTIVATE_MACHINE);
      }
    } finally {
      slow.stop(0);
    }
  }

  private static int racCount(ClientSession s) {
    int n = 0;
    while (true) {
      try {
        s.enumerateLicense(
            EnumSet.of(EnumerationFlag.GROUPIDENTITY_LID, EnumerationFlag.EXPIRED), n);
        n++;
      } catch (org.openrms.core.DrmException e) {
        assertThat(e.hresult()).isEqualTo(HResult.E_DRM_NO_MORE_DATA);
        return n;
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
