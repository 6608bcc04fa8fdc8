package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrms.rms.client.ClientSessionTest.assertHr;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.HResult;

/**
 * rms-anchors §1.4: DRMEnumerateLicense lists "only unexpired items by default", judged against the
 * session's creation time, not the clock at call time.
 */
class EnumerationTimeTest {
  @TempDir static Path tmp;

  @RegisterExtension
  static final TestServers.SharedServer shared = new TestServers.SharedServer(() -> tmp, "cat");

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    volatile Duration offset = Duration.ZERO;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }

  @Test
  void unexpiredMeansValidWhenTheSessionWasCreated() throws Exception {
    MovableClock clock = new MovableClock();
    EnumSet<EnumerationFlag> specified = EnumSet.of(EnumerationFlag.SPECIFIED_GROUPIDENTITY);
    try (RightsClient c =
        TestServers.client(shared.server(), tmp.resolve("store"), "cat").clock(clock).build()) {
      Activations.activateMachine(c);
      StatusRecorder rec = new StatusRecorder();
      try (ClientSession early =
          c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        // a temporary RAC: valid for 15 minutes
        Activations.activateUser(early, rec, TestServers.certification(shared.server()), true);
        String rac = (String) rec.terminal().param();
        ClientSession earlyDup = early.duplicate();

        clock.offset = Duration.ofMinutes(20); // the RAC has expired by now
        // the session created before still lists it, also through a duplicate handle
        assertThat(early.enumerateLicense(specified, 0).data()).isEqualTo(rac);
        assertThat(earlyDup.enumerateLicense(EnumSet.of(EnumerationFlag.GROUPIDENTITY), 0).data())
            .isEqualTo(rac);
        earlyDup.close();
        // isActivated is a question about now
        assertThat(early.isActivated(ActivationFlag.GROUPIDENTITY)).isFalse();

        try (ClientSession late =
            c.createClientSession(
                new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
          assertHr(HResult.E_DRM_NO_MORE_DATA, () -> late.enumerateLicense(specified, 0));
          assertHr(
              HResult.E_DRM_NO_MORE_DATA,
              () -> late.enumerateLicense(EnumSet.of(EnumerationFlag.GROUPIDENTITY_LID), 0));
          assertThat(
                  late.enumerateLicense(
                          EnumSet.of(
                              EnumerationFlag.SPECIFIED_GROUPIDENTITY, EnumerationFlag.EXPIRED),
                          0)
                      .data())
              .isEqualTo(rac);
        }
      }
    }
  }
}
