package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import org.openrms.core.HResult;

/** Runs activations to their end in tests. */
final class Activations {
  static final Duration WAIT = Duration.ofSeconds(60);

  private Activations() {}

  /** Activates the machine for the client's store and checks it completed. */
  static void activateMachine(RightsClient client) throws Exception {
    StatusRecorder rec = new StatusRecorder();
    try (ClientSession s = client.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, null)) {
      HResult hr =
          s.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, null)
              .await(WAIT);
      assertThat(hr).as("machine activation: %s", rec.events).isEqualTo(HResult.S_DRM_COMPLETED);
      rec.assertWellOrdered(StatusMessage.ACTIVATE_MACHINE);
    }
  }

  /** Runs a silent user activation on a session and returns its recorder's terminal HRESULT. */
  static HResult activateUser(
      ClientSession session, StatusRecorder rec, ActivationServiceInfo info, boolean temporary)
      throws Exception {
    EnumSet<ActivationFlag> flags = EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT);
    if (temporary) {
      flags.add(ActivationFlag.TEMPORARY);
    }
    HResult hr = session.activate(flags, info, "ctx").await(WAIT);
    rec.assertWellOrdered(StatusMessage.ACTIVATE_GROUPIDENTITY);
    assertThat(rec.terminal().hr()).isEqualTo(hr);
    return hr;
  }
}
