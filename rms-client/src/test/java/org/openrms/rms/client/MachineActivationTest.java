package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrms.rms.client.ClientSessionTest.assertHr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.CertificateExtensions;
import org.openrms.core.HResult;
import org.openrms.core.Pem;
import org.openrms.core.wire.RmsOids;
import org.openrms.rms.client.internal.LicenseStore;
import org.openrms.rms.client.internal.MachineBinding;
import org.openrms.rms.client.internal.MachineFingerprint;

/** DRM_ACTIVATE_MACHINE: the machine certificate, per local user, in the store. */
class MachineActivationTest {
  @TempDir static Path tmp;

  @RegisterExtension
  static final TestServers.SharedServer shared = new TestServers.SharedServer(() -> tmp, "cat");

  @TempDir Path store;

  @Test
  void machineActivationStoresTheKeyAndTheCertificateChain() throws Exception {
    StatusRecorder rec = new StatusRecorder();
    try (RightsClient c = TestServers.client(shared.server(), store, "cat").build();
        ClientSession s = c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, null)) {
      assertThat(s.isActivated(ActivationFlag.MACHINE)).isFalse();
      assertHr(
          HResult.E_DRM_NEEDS_MACHINE_ACTIVATION,
          () -> s.enumerateLicense(EnumSet.of(EnumerationFlag.MACHINE), 0));
      HResult hr =
          s.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, "m")
              .await(Activations.WAIT);
      assertThat(hr).isEqualTo(HResult.S_DRM_COMPLETED);
      rec.assertWellOrdered(StatusMessage.ACTIVATE_MACHINE);
      assertThat(rec.terminal().param()).isNull();
      assertThat(rec.terminal().context()).isEqualTo("m");
      assertThat(s.isActivated(ActivationFlag.MACHINE)).isTrue();

      Path file = store.resolve("machine/machine-activation.json");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(store.resolve("machine"))))
          .isEqualTo("rwx------");
      LicenseStore.MachineFiles stored =
          LicenseStore.open(store, false).readMachine().orElseThrow();
      List<X509Certificate> chain = Pem.decodeChain(stored.chainPem());
      X509Certificate machine = chain.get(0);
      machine.verify(shared.server().rootCertificate().getPublicKey());
      assertThat(CertificateExtensions.utf8(machine, RmsOids.MACHINE_FINGERPRINT))
          .contains(MachineFingerprint.current());
      assertThat(
              KeyFactory.getInstance("EC")
                  .generatePrivate(new PKCS8EncodedKeySpec(stored.pkcs8()))
                  .getAlgorithm())
          .isEqualTo("EC");
      LicenseEntry entry = s.enumerateLicense(EnumSet.of(EnumerationFlag.MACHINE), 0);
      assertThat(entry.shared()).isFalse();
      assertThat(Pem.decodeChain(entry.data()).get(0)).isEqualTo(machine);
      assertHr(
          HResult.E_DRM_NO_MORE_DATA,
          () -> s.enumerateLicense(EnumSet.of(EnumerationFlag.MACHINE), 1));
    }
  }

  @Test
  void reActivationOverwritesTheMachineCertificate() throws Exception {
    try (RightsClient c = TestServers.client(shared.server(), store, "cat").build()) {
      Activations.activateMachine(c);
      X509Certificate first = machineCertificate();
      Activations.activateMachine(c);
      X509Certificate second = machineCertificate();
      assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
      assertThat(second.getPublicKey()).isNotEqualTo(first.getPublicKey());
      try (Stream files = new Stream(store.resolve("machine"))) {
        assertThat(files.names()).containsExactly("machine-activation.json");
      }
    }
  }

  @Test
  void aStoreOfAnotherLocalUserIsNotActivated() throws Exception {
    try (RightsClient c = TestServers.client(shared.server(), store, "cat").build()) {
      Activations.activateMachine(c);
      try (ClientSession s =
          c.createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, null)) {
        assertThat(s.isActivated(ActivationFlag.MACHINE)).isTrue();
        MachineBinding.overrideForTesting(
            MachineBinding.machineId(), MachineBinding.localUser() + "-copy");
        try {
          // the same files seen by another local user (a copied store): another fingerprint
          assertThat(s.isActivated(ActivationFlag.MACHINE)).isFalse();
          assertHr(
              HResult.E_DRM_NEEDS_MACHINE_ACTIVATION,
              () ->
                  s.enumerateLicense(
                      EnumSet.of(EnumerationFlag.MACHINE, EnumerationFlag.EXPIRED), 0));
        } finally {
          MachineBinding.overrideForTesting(null, null);
        }
        assertThat(s.isActivated(ActivationFlag.MACHINE)).isTrue();
      }
    }
  }

  @Test
  void aMachineCertificateOutsideItsValidityIsNotActivatedButListedWithExpired() throws Exception {
    try (RightsClient c = TestServers.client(shared.server(), store, "cat").build()) {
      Activations.activateMachine(c);
      try (RightsClient later =
              c.newBuilder()
                  .clock(
                      java.time.Clock.offset(
                          java.time.Clock.systemUTC(), java.time.Duration.ofDays(400)))
                  .build();
          ClientSession s =
              later.createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, null)) {
        assertThat(s.isActivated(ActivationFlag.MACHINE)).isFalse();
        assertHr(
            HResult.E_DRM_NEEDS_MACHINE_ACTIVATION,
            () -> s.enumerateLicense(EnumSet.of(EnumerationFlag.MACHINE), 0));
        assertThat(
                Pem.decodeChain(
                        s.enumerateLicense(
                                EnumSet.of(EnumerationFlag.MACHINE, EnumerationFlag.EXPIRED), 0)
                            .data())
                    .get(0))
            .isEqualTo(machineCertificate());
      }
    }
  }

  @Test
  void aStoreCopiedToAnotherMachineIsNotActivatedThere() throws Exception {
    try (RightsClient c = TestServers.client(shared.server(), store, "cat").build()) {
      Activations.activateMachine(c);
      byte[] pkcs8 = LicenseStore.open(store, false).readMachine().orElseThrow().pkcs8();
      byte[] onDisk = Files.readAllBytes(store.resolve("machine/machine-activation.json"));
      assertThat(indexOf(onDisk, pkcs8)).as("the PKCS#8 DER on disk").isNegative();
      MachineBinding.overrideForTesting("machine-id:another-machine", MachineBinding.localUser());
      try {
        StatusRecorder rec = new StatusRecorder();
        try (ClientSession s =
            c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
          assertThat(s.isActivated(ActivationFlag.MACHINE)).isFalse();
          assertHr(
              HResult.E_DRM_NEEDS_MACHINE_ACTIVATION,
              () -> s.enumerateLicense(EnumSet.of(EnumerationFlag.MACHINE), 0));
          assertHr(
              HResult.E_DRM_NEEDS_MACHINE_ACTIVATION,
              () -> LicenseStore.open(store, false).readMachine());
          HResult hr =
              Activations.activateUser(s, rec, TestServers.certification(shared.server()), false);
          assertThat(hr).isEqualTo(HResult.E_DRM_NEEDS_MACHINE_ACTIVATION);
        }
      } finally {
        MachineBinding.overrideForTesting(null, null);
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private X509Certificate machineCertificate() throws Exception {
    return Pem.decodeChain(LicenseStore.open(store, false).readMachineChain().orElseThrow()).get(0);
  }

  /** The file names of a directory. */
  private static final class Stream implements AutoCloseable {
    private final java.util.stream.Stream<Path> s;

    Stream(Path dir) throws java.io.IOException {
      s = Files.list(dir);
    }

    List<String> names() {
      return s.map(p -> p.getFileName().toString()).toList();
    }

    @Override
    public void close() {
      s.close();
    }
  }
}
