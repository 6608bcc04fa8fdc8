package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What a client without credentials can cost: password derivations are bounded (503 with
 * Retry-After beyond), and an address that keeps failing is refused without deriving, while other
 * addresses and cached credentials still get in. Counted by {@link
 * WsmanListener#passwordDerivations()}, not by time.
 */
class LoginThrottleTest {
  private static final String WRONG = RawConnection.basic(TestListeners.USER, "wrong");

  private static int post(WsmanListener l, String from, String authorization) throws Exception {
    try (RawConnection c = new RawConnection(l.httpUri(), from)) {
      RawConnection.Answer a = c.post(TestListeners.identify(), "Authorization", authorization);
      if (a.status() == 503) {
        assertThat(a.header("Retry-After")).isEqualTo("1");
      }
      return a.status();
    }
  }

  @Test
  void anAddressThatKeepsFailingIsRefusedWithoutDerivingButOthersAndCachedLoginsGetIn()
      throws Exception {
    try (WsmanListener l =
        TestListeners.start(b -> b.failedLoginBackoff(3, Duration.ofSeconds(30)))) {
      for (int i = 0; i < 3; i++) {
        assertThat(post(l, "127.0.0.1", WRONG)).isEqualTo(401);
      }
      assertThat(l.passwordDerivations()).isEqualTo(3);
      for (int i = 0; i < 5; i++) {
        assertThat(post(l, "127.0.0.1", WRONG)).isEqualTo(401);
      }
      // Even the right password is not checked from the failing address while it backs off …
      assertThat(post(l, "127.0.0.1", TestListeners.auth())).isEqualTo(401);
      assertThat(l.passwordDerivations()).isEqualTo(3);
      // … but another address is not locked out,
      assertThat(post(l, "127.0.0.2", TestListeners.auth())).isEqualTo(200);
      assertThat(l.passwordDerivations()).isEqualTo(4);
      // and a credential already verified (cached) works from the failing address too.
      assertThat(post(l, "127.0.0.1", TestListeners.auth())).isEqualTo(200);
      assertThat(l.passwordDerivations()).isEqualTo(4);
    }
  }

  @Test
  void concurrentPasswordChecksAreBoundedAndTheRestAre503() throws Exception {
    try (WsmanListener l =
        TestListeners.start(
            b ->
                b.maxConcurrentPasswordChecks(1)
                    .failedLoginBackoff(0, Duration.ofSeconds(30))
                    .credentialCacheTtl(Duration.ZERO))) {
      int n = 24;
      ExecutorService pool = Executors.newFixedThreadPool(n);
      try {
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          answers.add(pool.submit(() -> post(l, "127.0.0.1", WRONG)));
        }
        int refused = 0;
        int busy = 0;
        for (Future<Integer> f : answers) {
          int status = f.get();
          assertThat(status).isIn(401, 503);
          if (status == 401) {
            refused++;
          } else {
            busy++;
          }
        }
        // Every 401 cost one derivation, every 503 none.
        assertThat(l.passwordDerivations()).isEqualTo(refused);
        assertThat(busy).isPositive();
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
