package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrms.rms.client.ClientSessionTest.assertHr;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.HResult;

/**
 * The DRMActivate flag rules (rms-anchors §1.3), all reported synchronously before anything is
 * sent: no server is needed, and none is contacted (the service URL points nowhere).
 */
class ActivationFlagsTest {
  @TempDir Path store;

  private static final ActivationServiceInfo INFO =
      ActivationServiceInfo.of(URI.create("https://rms.unknown.invalid/rms/v1/certification"));

  private final List<RightsClient> clients = new ArrayList<>();

  @AfterEach
  void closeClients() {
    clients.forEach(RightsClient::close);
  }

  private ClientSession session(GroupIdType type, StatusRecorder rec) {
    RightsClient c =
        RightsClient.builder()
            .serviceUrl(URI.create("https://rms.unknown.invalid/rms/v1"))
            .storeDirectory(store)
            .build();
    clients.add(c);
    return c.createClientSession(rec, 0, type, "cat@example.com");
  }

  private void assertRejected(
      HResult hr, GroupIdType type, Set<ActivationFlag> flags, ActivationServiceInfo info) {
    StatusRecorder rec = new StatusRecorder();
    try (ClientSession s = session(type, rec)) {
      assertHr(hr, () -> s.activate(flags, info, null));
    }
    assertThat(rec.events).as("no callback for a rejected call").isEmpty();
  }

  @Test
  void machineActivationRequiresSilent() {
    assertRejected(
        HResult.E_INVALIDARG, GroupIdType.WINDOWS_AUTH, EnumSet.of(ActivationFlag.MACHINE), null);
  }

  @Test
  void machineCannotBeCombinedWithGroupIdentity() {
    assertRejected(
        HResult.E_INVALIDARG,
        GroupIdType.WINDOWS_AUTH,
        EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT),
        INFO);
  }

  @Test
  void eitherMachineOrGroupIdentityIsRequired() {
    assertRejected(
        HResult.E_INVALIDARG, GroupIdType.WINDOWS_AUTH, EnumSet.of(ActivationFlag.SILENT), INFO);
    assertRejected(
        HResult.E_INVALIDARG, GroupIdType.WINDOWS_AUTH, EnumSet.noneOf(ActivationFlag.class), INFO);
    assertRejected(HResult.E_INVALIDARG, GroupIdType.WINDOWS_AUTH, null, INFO);
  }

  @Test
  void silentGroupIdentityNeedsTheServiceInfo() {
    assertRejected(
        HResult.E_INVALIDARG,
        GroupIdType.WINDOWS_AUTH,
        EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT),
        null);
  }

  @Test
  void silentPassportActivationIsNotAllowed() {
    assertRejected(
        HResult.E_INVALIDARG,
        GroupIdType.PASSPORT,
        EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT),
        INFO);
  }

  @Test
  void unknownFlagBitsAreInvalid() {
    assertHr(HResult.E_INVALIDARG, () -> ActivationFlag.fromBits(0x80));
    assertHr(HResult.E_INVALIDARG, () -> EnumerationFlag.fromBits(0x10000));
    assertHr(HResult.E_INVALIDARG, () -> ServiceType.fromBits(0x20));
    assertHr(HResult.E_INVALIDARG, () -> ServiceLocation.fromValue(3));
    assertHr(HResult.E_INVALIDARG, () -> StatusMessage.fromValue(7));
  }

  @Test
  void flagValuesRoundTripThroughTheirBits() {
    for (ActivationFlag f : ActivationFlag.values()) {
      assertThat(ActivationFlag.fromBits(f.bit())).containsExactly(f);
    }
    int all = ActivationFlag.bits(EnumSet.allOf(ActivationFlag.class));
    assertThat(ActivationFlag.fromBits(all)).containsExactlyInAnyOrder(ActivationFlag.values());
    assertThat(all).isEqualTo(0x7F);
    assertThat(EnumerationFlag.bits(EnumSet.allOf(EnumerationFlag.class))).isEqualTo(0xFFFF);
    for (EnumerationFlag f : EnumerationFlag.values()) {
      assertThat(EnumerationFlag.fromBits(f.bit())).containsExactly(f);
    }
    assertThat(ServiceType.fromBits(ServiceType.bits(EnumSet.allOf(ServiceType.class))))
        .containsExactlyInAnyOrder(ServiceType.values());
    for (StatusMessage m : StatusMessage.values()) {
      assertThat(StatusMessage.fromValue(m.value())).isEqualTo(m);
      assertThat(m.value()).isEqualTo(m.ordinal());
    }
    assertThat(ServiceLocation.fromValue(2)).isEqualTo(ServiceLocation.ENTERPRISE);
  }

  @Test
  void activationServiceInfoIsVersionZeroWithoutPublicKey() {
    URI url = URI.create("https://h/rms/v1/certification");
    assertHr(HResult.E_INVALIDARG, () -> new ActivationServiceInfo(1, null, url));
    assertHr(HResult.E_INVALIDARG, () -> new ActivationServiceInfo(0, "key", url));
    assertHr(HResult.E_INVALIDARG, () -> new ActivationServiceInfo(0, null, null));
    assertHr(HResult.E_INVALIDARG, () -> ActivationServiceInfo.of(URI.create("ftp://h/x")));
    assertHr(HResult.E_INVALIDARG, () -> ActivationServiceInfo.of(URI.create("relative/path")));
    assertThat(ActivationServiceInfo.of(url).url()).isEqualTo(url);
  }

  @Test
  void machineActivationWithoutAnyServiceUrlIsServiceNotFound() {
    try (RightsClient c = RightsClient.builder().storeDirectory(store).build();
        ClientSession s =
            c.createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, null)) {
      assertHr(
          HResult.E_DRM_SERVICE_NOT_FOUND,
          () -> s.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, null));
    }
  }
}
