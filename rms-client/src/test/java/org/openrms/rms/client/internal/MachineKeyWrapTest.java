package org.openrms.rms.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/** The machine private key wrapped to this machine and user, in one file. */
class MachineKeyWrapTest {
  @TempDir Path tmp;

  @AfterEach
  void undoOverride() {
    MachineBinding.overrideForTesting(null, null);
  }

  private static byte[] key() throws Exception {
    return EcKeys.generate().getPrivate().getEncoded();
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void hkdfMatchesRfc5869TestCase1() throws Exception {
    HexFormat hex = HexFormat.of();
    byte[] okm =
        Hkdf.sha256(
            hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
            hex.parseHex("000102030405060708090a0b0c"),
            hex.parseHex("f0f1f2f3f4f5f6f7f8f9"),
            42);
    assertThat(hex.formatHex(okm))
        .isEqualTo(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void theStoredFileHoldsNeitherTheDerNorItsBase64() throws Exception {
    LicenseStore store = LicenseStore.open(tmp.resolve("s"), false);
    byte[] pkcs8 = key();
    store.writeMachine(pkcs8.clone(), "chain");
    byte[] file = Files.readAllBytes(tmp.resolve("s/machine/machine-activation.json"));
    assertThat(contains(file, pkcs8)).isFalse();
    assertThat(contains(file, Base64.getEncoder().encode(pkcs8))).isFalse();
    assertThat(new String(file, StandardCharsets.UTF_8))
        .contains(MachineKeyWrap.FORMAT)
        .contains("HKDF-SHA256");
    assertThat(store.readMachine().orElseThrow().pkcs8()).isEqualTo(pkcs8);
  }

  @Test
  void aStoreCopiedToAnotherMachineCannotUnwrapTheKey() throws Exception {
    LicenseStore store = LicenseStore.open(tmp.resolve("s"), false);
    store.writeMachine(key(), "chain");
    MachineBinding.overrideForTesting("machine-id:another-machine", MachineBinding.localUser());
    assertThatThrownBy(store::readMachine)
        .isInstanceOfSatisfying(
            DrmException.class,
            e -> {
              assertThat(e.hresult()).isEqualTo(HResult.E_DRM_NEEDS_MACHINE_ACTIVATION);
              assertThat(e.getMessage()).contains("cannot be unwrapped");
            });
    MachineBinding.overrideForTesting(MachineBinding.machineId(), "another-user");
    assertThatThrownBy(store::readMachine).isInstanceOf(DrmException.class);
    MachineBinding.overrideForTesting(null, null);
    assertThat(store.readMachine()).isPresent();
  }

  @Test
  void aKeyWithASwappedChainDoesNotOpen() throws Exception {
    LicenseStore store = LicenseStore.open(tmp.resolve("s"), false);
    store.writeMachine(key(), "chain A");
    Path file = tmp.resolve("s/machine/machine-activation.json");
    Files.writeString(file, Files.readString(file).replace("chain A", "chain B"));
    assertThatThrownBy(store::readMachine)
        .isInstanceOfSatisfying(
            DrmException.class,
            e -> assertThat(e.hresult()).isEqualTo(HResult.E_DRM_NEEDS_MACHINE_ACTIVATION));
  }

  @Test
  void theOldUnencryptedLayoutFailsClearlyAndIsRemovedByTheNextActivation() throws Exception {
    Path root = tmp.resolve("s");
    LicenseStore store = LicenseStore.open(root, false);
    Files.write(root.resolve("machine/machine-key.p8"), key());
    Files.writeString(root.resolve("machine/machine-chain.pem"), "chain");
    assertThatThrownBy(store::readMachine)
        .isInstanceOfSatisfying(
            DrmException.class,
            e -> {
              assertThat(e.hresult()).isEqualTo(HResult.E_DRM_NEEDS_MACHINE_ACTIVATION);
              assertThat(e.getMessage()).contains("unencrypted layout").contains("activate");
            });
    store.writeMachine(key(), "new chain");
    assertThat(root.resolve("machine/machine-key.p8")).doesNotExist();
    assertThat(root.resolve("machine/machine-chain.pem")).doesNotExist();
    assertThat(store.readMachineChain()).contains("new chain");
  }

  @Test
  void aCorruptMachineFileFailsClearly() throws Exception {
    Path root = tmp.resolve("s");
    LicenseStore store = LicenseStore.open(root, false);
    Files.writeString(root.resolve("machine/machine-activation.json"), "{ not json");
    assertThatThrownBy(store::readMachine)
        .isInstanceOfSatisfying(
            DrmException.class,
            e -> {
              assertThat(e.hresult()).isEqualTo(HResult.E_DRM_NEEDS_MACHINE_ACTIVATION);
              assertThat(e.getMessage()).contains("corrupt").contains("machine-activation.json");
            });
  }
}
