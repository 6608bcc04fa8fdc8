package org.openrms.rms.client;

import static org.openrms.rms.client.ClientSessionTest.assertHr;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.HResult;

/** DRMEnumerateLicense flag rules (rms-anchors §1.4) on an empty store. */
class EnumerationFlagsTest {
  @TempDir Path store;

  @Test
  void unsupportedFlagCombinationsAreInvalid() {
    try (RightsClient c = RightsClient.builder().storeDirectory(store).build();
        ClientSession s =
            c.createClientSession(
                new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
      for (Set<EnumerationFlag> flags :
          java.util.List.<Set<EnumerationFlag>>of(
              EnumSet.noneOf(EnumerationFlag.class),
              EnumSet.of(EnumerationFlag.EXPIRED),
              EnumSet.of(EnumerationFlag.MACHINE, EnumerationFlag.GROUPIDENTITY),
              EnumSet.of(EnumerationFlag.GROUPIDENTITY_NAME, EnumerationFlag.GROUPIDENTITY_LID),
              EnumSet.of(EnumerationFlag.EUL),
              EnumSet.of(EnumerationFlag.CLIENTLICENSOR),
              EnumSet.of(EnumerationFlag.GROUPIDENTITY, EnumerationFlag.ISSUERNAME),
              EnumSet.of(EnumerationFlag.REVOCATIONLIST))) {
        assertHr(HResult.E_INVALIDARG, () -> s.enumerateLicense(flags, 0));
      }
      assertHr(HResult.E_INVALIDARG, () -> s.enumerateLicense(null, 0));
      assertHr(
          HResult.E_INVALIDARG,
          () -> s.enumerateLicense(EnumSet.of(EnumerationFlag.GROUPIDENTITY), -1));
    }
  }

  @Test
  void anEmptyStoreHasNoMoreData() {
    try (RightsClient c = RightsClient.builder().storeDirectory(store).build();
        ClientSession s =
            c.createClientSession(
                new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
      for (EnumerationFlag kind :
          EnumSet.of(
              EnumerationFlag.GROUPIDENTITY,
              EnumerationFlag.GROUPIDENTITY_NAME,
              EnumerationFlag.GROUPIDENTITY_LID,
              EnumerationFlag.SPECIFIED_GROUPIDENTITY)) {
        assertHr(HResult.E_DRM_NO_MORE_DATA, () -> s.enumerateLicense(EnumSet.of(kind), 0));
        assertHr(
            HResult.E_DRM_NO_MORE_DATA,
            () -> s.enumerateLicense(EnumSet.of(kind, EnumerationFlag.EXPIRED), 0));
      }
      assertHr(
          HResult.E_DRM_NEEDS_MACHINE_ACTIVATION,
          () -> s.enumerateLicense(EnumSet.of(EnumerationFlag.MACHINE), 0));
      assertHr(HResult.E_DRM_RECORD_NOT_FOUND, () -> s.deleteLicense("not-a-lid"));
      assertHr(HResult.E_DRM_RECORD_NOT_FOUND, () -> s.deleteLicense(null));
    }
  }
}
