package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.HResult;
import org.openrms.rms.client.internal.ActivationGate;

/**
 * "The callback is never called before activate returns", made exact: the first callback happens
 * after every action of the outermost SDK activate frame, also through the {@link Msdrm} facade.
 */
class ActivateReturnsFirstTest {
  @TempDir Path store;

  private static final List<String> ACTIVATE_FRAMES =
      List.of(
          "org.openrms.rms.client.internal.ClientSessionHandle.activate",
          "org.openrms.rms.client.internal.SessionState.activate",
          "org.openrms.rms.client.Msdrm.DRMActivate");

  /** Whether a thread is inside an SDK activate call (its stack, sampled now). */
  private static boolean insideActivate(Thread t) {
    return Arrays.stream(t.getStackTrace())
        .map(f -> f.getClassName() + "." + f.getMethodName())
        .anyMatch(ACTIVATE_FRAMES::contains);
  }

  @Test
  void theGateOpensOnlyWhenTheOutermostActivateFrameExits() {
    assertThat(ActivationGate.insideActivate()).isFalse();
    ActivationGate.enter(); // Msdrm.DRMActivate
    ActivationGate.enter(); // ClientSession.activate
    assertThat(ActivationGate.insideActivate()).isTrue();
    ActivationGate.exit();
    assertThat(ActivationGate.insideActivate()).as("still inside DRMActivate").isTrue();
    ActivationGate.exit();
    assertThat(ActivationGate.insideActivate()).isFalse();
  }

  @Test
  void noCallbackRunsWhileTheCallerIsInsideActivate() throws Exception {
    // a machine that is not activated: each activation ends at once, without network
    List<String> violations = new ArrayList<>();
    int[] calls = {0};
    Thread caller = Thread.currentThread();
    StatusCallback cb =
        (msg, hr, param, ctx) -> {
          boolean inside = insideActivate(caller);
          synchronized (violations) {
            calls[0]++;
            if (inside) {
              violations.add(hr.name() + " while the caller was inside activate");
            }
          }
        };
    int rounds = 100;
    try (RightsClient c = RightsClient.builder().storeDirectory(store).build();
        ClientSession s = c.createClientSession(cb, 0, GroupIdType.WINDOWS_AUTH, "a@example.com")) {
      for (int i = 0; i < rounds; i++) {
        HResult hr =
            s.activate(
                    EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT),
                    ActivationServiceInfo.of(
                        java.net.URI.create("https://rms.unknown.invalid/rms/v1/certification")),
                    null)
                .await(Activations.WAIT);
        assertThat(hr).isEqualTo(HResult.E_DRM_NEEDS_MACHINE_ACTIVATION);
      }
    }
    synchronized (violations) {
      assertThat(calls[0]).isEqualTo(rounds);
      assertThat(violations).isEmpty();
    }
  }

  @Test
  void throughTheFacadeNoCallbackRunsBeforeDrmActivateReturns() {
    List<String> violations = new ArrayList<>();
    List<Integer> terminal = new ArrayList<>();
    Thread caller = Thread.currentThread();
    DrmCallback cb =
        (msg, hr, param, ctx) -> {
          boolean inside = insideActivate(caller);
          synchronized (violations) {
            terminal.add(hr);
            if (inside) {
              violations.add(HResult.describe(hr));
            }
          }
          return 0;
        };
    RightsClient client = RightsClient.builder().storeDirectory(store).build();
    Msdrm.setRightsClient(client);
    int[] h = {0};
    assertThat(Msdrm.DRMCreateClientSession(cb, 0, "WindowsAuthProvider", "a@example.com", h))
        .isZero();
    int rounds = 50;
    for (int i = 0; i < rounds; i++) {
      assertThat(
              Msdrm.DRMActivate(
                  h[0],
                  0x12,
                  0,
                  ActivationServiceInfo.of(
                      java.net.URI.create("https://rms.unknown.invalid/rms/v1/certification")),
                  null,
                  null))
          .isZero();
      int expected = i + 1;
      Awaitility.await()
          .atMost(30, TimeUnit.SECONDS)
          .pollInterval(2, TimeUnit.MILLISECONDS)
          .until(
              () -> {
                synchronized (violations) {
                  return terminal.size() >= expected;
                }
              });
    }
    assertThat(Msdrm.DRMCloseSession(h[0])).isZero();
    client.close();
    synchronized (violations) {
      assertThat(terminal).hasSize(rounds);
      assertThat(violations).isEmpty();
    }
  }
}
