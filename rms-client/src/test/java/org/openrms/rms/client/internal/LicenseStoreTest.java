package org.openrms.rms.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/** The file-based license store: permissions, atomic writes, crash leftovers, corrupt files. */
class LicenseStoreTest {
  @TempDir Path tmp;

  private static RacRecord rac(String email, long storedAt) {
    return new RacRecord(
        UUID.randomUUID().toString(),
        email,
        "WINDOWS_AUTH",
        "STANDARD",
        1_000L,
        2_000L,
        storedAt,
        "ab",
        "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n",
        "a..b.c.d");
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void storeDirectoriesAreOwnerOnlyAndFilesToo() throws Exception {
    Path root = tmp.resolve("a/b/store");
    LicenseStore store = LicenseStore.open(root, false);
    RacRecord r = rac("cat@example.com", 1);
    store.writeRac(r);
    store.writeMachine(new byte[] {1, 2, 3}, "pem");
    assertThat(perms(root)).isEqualTo("rwx------");
    assertThat(perms(root.resolve("rac"))).isEqualTo("rwx------");
    assertThat(perms(root.resolve("machine"))).isEqualTo("rwx------");
    assertThat(perms(root.resolve("rac").resolve("GIC-cat@example.com-" + r.lid() + ".json")))
        .isEqualTo("rw-------");
    assertThat(perms(root.resolve("machine/machine-activation.json"))).isEqualTo("rw-------");
    assertThat(perms(root.resolve("store.lock"))).isEqualTo("rw-------");
  }

  @Test
  void aServiceStoreIsGroupShared() throws Exception {
    Path root = tmp.resolve("service");
    LicenseStore.open(root, true).writeMachine(new byte[] {1}, "pem");
    assertThat(perms(root)).isEqualTo("rwxrwx---");
    assertThat(perms(root.resolve("machine/machine-activation.json"))).isEqualTo("rw-rw----");
  }

  @Test
  void writesReplaceAtomicallyAndLeaveNoTempFile() throws Exception {
    Path root = tmp.resolve("store");
    LicenseStore store = LicenseStore.open(root, false);
    store.writeMachine(new byte[] {1}, "first");
    store.writeMachine(new byte[] {2, 2}, "second");
    LicenseStore.MachineFiles m = store.readMachine().orElseThrow();
    assertThat(m.pkcs8()).containsExactly(2, 2);
    assertThat(m.chainPem()).isEqualTo("second");
    try (var files = Files.list(root.resolve("machine"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly("machine-activation.json");
    }
  }

  @Test
  void aCrashLeavesNoHalfWrittenCertificate() throws Exception {
    Path root = tmp.resolve("store");
    LicenseStore store = LicenseStore.open(root, false);
    RacRecord good = rac("cat@example.com", 1);
    store.writeRac(good);
    // what a writer killed between write and rename leaves behind: a partial temp file
    String name = LicenseStore.racFileName("dog@example.com", UUID.randomUUID().toString());
    Path leftover =
        root.resolve("rac").resolve("." + name + ".0a1b2c3d4e5f" + StoreFiles.TEMP_SUFFIX);
    Files.writeString(leftover, "{\"lid\":\"trunc", StandardCharsets.UTF_8);
    Path machineLeftover = root.resolve("machine").resolve(".machine-activation.json.abc.tmp");
    Files.write(machineLeftover, new byte[] {9});

    assertThat(store.readRacs()).containsExactly(good);
    assertThat(store.readMachine()).isEmpty();

    LicenseStore.open(root, false); // the next open cleans up
    assertThat(leftover).doesNotExist();
    assertThat(machineLeftover).doesNotExist();
    assertThat(store.readRacs()).containsExactly(good);
  }

  @Test
  void aCorruptFileGivesAClearErrorAndOtherEntriesSurvive() throws Exception {
    Path root = tmp.resolve("store");
    LicenseStore store = LicenseStore.open(root, false);
    RacRecord good = rac("cat@example.com", 1);
    RacRecord bad = rac("dog@example.com", 2);
    store.writeRac(good);
    store.writeRac(bad);
    Path goodFile = root.resolve("rac").resolve(LicenseStore.racFileName(good.email(), good.lid()));
    Path badFile = root.resolve("rac").resolve(LicenseStore.racFileName(bad.email(), bad.lid()));
    byte[] goodBytes = Files.readAllBytes(goodFile);
    Files.writeString(badFile, "{ not json");

    assertThatThrownBy(store::readRacs)
        .isInstanceOfSatisfying(
            DrmException.class,
            e -> {
              assertThat(e.hresult()).isEqualTo(HResult.E_FAIL);
              assertThat(e.getMessage()).contains(badFile.toString()).contains("corrupt");
            });
    assertThat(Files.readAllBytes(goodFile)).isEqualTo(goodBytes);
    assertThat(badFile).exists();

    assertThat(store.deleteRac(bad.lid())).isTrue();
    assertThat(store.readRacs()).containsExactly(good);
  }

  @Test
  void racsAreListedInTheOrderTheyWereStored() {
    LicenseStore store = LicenseStore.open(tmp.resolve("store"), false);
    RacRecord second = rac("a@example.com", 20);
    RacRecord first = rac("z@example.com", 10);
    store.writeRac(second);
    store.writeRac(first);
    assertThat(store.readRacs()).containsExactly(first, second);
    assertThat(store.deleteRac(UUID.randomUUID().toString())).isFalse();
    assertThat(store.deleteRac("../../etc/passwd")).isFalse();
  }

  @Test
  void fileNamesCarryASafeEmailAndTheLicenseId() {
    assertThat(LicenseStore.racFileName("Cat/../X@Example.com", "id"))
        .isEqualTo("GIC-cat_.._x@example.com-id.json");
  }
}
