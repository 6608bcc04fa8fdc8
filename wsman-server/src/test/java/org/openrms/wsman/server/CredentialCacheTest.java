package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.Namespaces;

/** Verified Basic credentials are remembered briefly; wrong ones never are. Counted, not timed. */
class CredentialCacheTest {
  private static final byte[] GET = TestListeners.bytes(TestListeners.get(Namespaces.CONFIG));

  private static int status(RawConnection c, String auth) throws Exception {
    return c.post(GET, "Authorization", auth).status();
  }

  @Test
  void aRightPasswordIsDerivedOnceAndAWrongOneAfterItStillFails() throws Exception {
    try (WsmanListener l = TestListeners.start(b -> {});
        RawConnection c = new RawConnection(l.httpUri())) {
      assertThat(l.passwordDerivations()).isZero();
      for (int i = 0; i < 5; i++) {
        assertThat(status(c, TestListeners.auth())).isEqualTo(200);
      }
      assertThat(l.passwordDerivations()).isEqualTo(1);
      String wrong = RawConnection.basic(TestListeners.USER, TestListeners.PASSWORD + "x");
      assertThat(status(c, wrong)).isEqualTo(401);
      assertThat(status(c, wrong)).isEqualTo(401);
      // Each wrong attempt costs a derivation: nothing about it was cached.
      assertThat(l.passwordDerivations()).isEqualTo(3);
      String prefix = RawConnection.basic(TestListeners.USER, TestListeners.PASSWORD.substring(1));
      assertThat(status(c, prefix)).isEqualTo(401);
      assertThat(status(c, TestListeners.auth())).isEqualTo(200);
      assertThat(l.passwordDerivations()).isEqualTo(4);
    }
  }

  @Test
  void changingTheAccountsForgetsTheCache() throws Exception {
    try (WsmanListener l = TestListeners.start(b -> {});
        RawConnection c = new RawConnection(l.httpUri())) {
      assertThat(status(c, TestListeners.auth())).isEqualTo(200);
      l.accounts(LocalAccounts.empty().withAccount(TestListeners.USER, "new-pass".toCharArray()));
      assertThat(status(c, TestListeners.auth())).isEqualTo(401);
      assertThat(status(c, RawConnection.basic(TestListeners.USER, "new-pass"))).isEqualTo(200);
      assertThat(l.passwordDerivations()).isEqualTo(3);
      l.accounts(LocalAccounts.empty());
      assertThat(status(c, RawConnection.basic(TestListeners.USER, "new-pass"))).isEqualTo(401);
    }
  }

  @Test
  void entriesExpireAndAZeroTtlTurnsTheCacheOff() throws Exception {
    try (WsmanListener l = TestListeners.start(b -> b.credentialCacheTtl(Duration.ofMillis(300)));
        RawConnection c = new RawConnection(l.httpUri())) {
      assertThat(status(c, TestListeners.auth())).isEqualTo(200);
      assertThat(status(c, TestListeners.auth())).isEqualTo(200);
      assertThat(l.passwordDerivations()).isEqualTo(1);
      Thread.sleep(400);
      assertThat(status(c, TestListeners.auth())).isEqualTo(200);
      assertThat(l.passwordDerivations()).isEqualTo(2);
    }
    try (WsmanListener l = TestListeners.start(b -> b.credentialCacheTtl(Duration.ZERO));
        RawConnection c = new RawConnection(l.httpUri())) {
      for (int i = 0; i < 3; i++) {
        assertThat(status(c, TestListeners.auth())).isEqualTo(200);
      }
      assertThat(l.passwordDerivations()).isEqualTo(3);
    }
  }
}
