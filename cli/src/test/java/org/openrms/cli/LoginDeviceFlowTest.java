package org.openrms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.cli.internal.DeviceFlow;
import org.openrms.cli.internal.ExitCodes;
import org.openrms.core.Pem;
import org.openrms.testkit.FakeIdp;

/** {@link DeviceFlow} directly: discovery, and giving up locally when the code's lifetime ends. */
class LoginDeviceFlowTest {
  @TempDir static Path tmp;
  static FakeIdp idp;
  static Path caPem;

  @BeforeAll
  static void start() throws Exception {
    idp = FakeIdp.start();
    caPem =
        Files.writeString(
            tmp.resolve("ca.pem"),
            Pem.encode("CERTIFICATE", idp.tls.ca.getEncoded()),
            StandardCharsets.US_ASCII);
  }

  @AfterAll
  static void stop() throws Exception {
    idp.close();
  }

  /** A clock the sleeper moves forward. */
  static final class FakeTime {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    Clock clock() {
      return new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
    }
  }

  @Test
  void discoveryFindsBothEndpoints() throws Exception {
    DeviceFlow flow = new DeviceFlow(DeviceFlow.httpClient(caPem), d -> {}, Clock.systemUTC());
    DeviceFlow.Endpoints e = flow.discover(URI.create(idp.issuer() + "/"));
    assertThat(e.deviceAuthorization()).isEqualTo(URI.create(idp.issuer() + "/device"));
    assertThat(e.token()).isEqualTo(URI.create(idp.issuer() + "/token"));
  }

  @Test
  void givesUpWhenTheCodeExpiresWhilePending() throws Exception {
    idp.devicePolls.set(0);
    idp.devicePendingPolls.set(Integer.MAX_VALUE);
    try {
      FakeTime t = new FakeTime();
      DeviceFlow flow =
          new DeviceFlow(DeviceFlow.httpClient(caPem), d -> t.now = t.now.plus(d), t.clock());
      DeviceFlow.Endpoints e = flow.discover(idp.issuerUri());
      DeviceFlow.Authorization a = flow.authorize(e, FakeIdp.CLIENT_ID, "openid email");
      assertThat(a.toString()).doesNotContain(FakeIdp.DEVICE_CODE);
      DeviceFlow.Listener quiet =
          new DeviceFlow.Listener() {
            @Override
            public void prompt(DeviceFlow.Authorization x) {}

            @Override
            public void pending(int polls, Duration interval) {}

            @Override
            public void slowDown(Duration interval) {}
          };
      assertThatThrownBy(() -> flow.poll(e, FakeIdp.CLIENT_ID, a, quiet))
          .isInstanceOf(DeviceFlow.Failure.class)
          .hasMessageContaining("the code expired before it was approved (after 600 s)")
          .satisfies(
              x -> assertThat(((DeviceFlow.Failure) x).exitCode()).isEqualTo(ExitCodes.FAILED));
      // 600 s at 5 s: the last poll is the one that still ends before the deadline.
      assertThat(idp.devicePolls.get()).isEqualTo(119);
    } finally {
      idp.devicePendingPolls.set(0);
    }
  }
}
