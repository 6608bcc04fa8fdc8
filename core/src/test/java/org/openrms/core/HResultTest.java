package org.openrms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class HResultTest {

  @ParameterizedTest
  @CsvSource({
    "S_DRM_CONNECTING, 0004CF02",
    "S_DRM_COMPLETED, 0004CF04",
    "S_DRM_INPROGRESS, 0004CF05",
    "E_DRM_INVALID_HANDLE, 8004CF2C",
    "E_DRM_NO_MORE_DATA, 8004CF33",
    "E_DRM_GROUPID_NOT_SET, 8004CF39",
    "E_DRM_NO_CONNECT, 8004CF3B",
    "E_DRM_NEEDS_MACHINE_ACTIVATION, 8004CF3D",
    "E_DRM_ABORTED, 8004CF41",
    "E_DRM_SERVER_NOT_FOUND, 8004CF4A",
    "E_DRM_VALIDITYTIME_VIOLATION, 8004CF4C",
    "E_DRM_REVOCATIONINFO_NOT_SET, 8004CF50",
    "E_DRM_INVALID_TIMEINFO, 8004CF51",
    "E_DRM_RIGHT_NOT_SET, 8004CF52",
    "E_DRM_BIND_NTLM_FAIL, 8004CF53",
    "E_DRM_WINDOW_REGISTRATION_FAILED, 8004CF77",
    "E_DRM_SAFEMODE_OS_DETECTED, 8004CF78",
    "E_DRM_AD_ENTRY_NOT_FOUND, 8004CF5D",
    "E_DRM_REQUEST_DENIED, 8004CF5F",
    "E_DRM_MANIFEST_POLICY_VIOLATION, 8004930C",
    "E_DRM_INSUFFICIENT_BUFFER, 8007007A",
    "E_INVALIDARG, 80070057"
  })
  void valuesMatchThePublishedTable(String name, String hex) {
    HResult h = HResult.valueOf(name);
    assertThat(h.value()).isEqualTo(Integer.parseUnsignedInt(hex, 16));
    assertThat(h.hex()).isEqualTo("0x" + hex);
  }

  @ParameterizedTest
  @EnumSource(HResult.class)
  void reverseLookupFindsEveryConstant(HResult h) {
    assertThat(HResult.fromValue(h.value())).contains(h);
    assertThat(h.meaning()).isNotBlank();
    assertThat(h.isSuccess()).isEqualTo(h.name().startsWith("S_"));
  }

  @Test
  void valuesAreUnique() {
    Set<Integer> seen = new HashSet<>();
    for (HResult h : HResult.values()) {
      assertThat(seen.add(h.value())).as("duplicate value of %s", h.name()).isTrue();
    }
  }

  @Test
  void everyDrmCodeIsInFacilityFourAndTheCfRange() {
    for (HResult h : HResult.values()) {
      if (h.name().startsWith("S_DRM_") || h.name().startsWith("E_DRM_")) {
        if (h == HResult.E_DRM_INSUFFICIENT_BUFFER) {
          continue;
        }
        assertThat((h.value() >>> 16) & 0x7FFF).as(h.name()).isEqualTo(4);
      }
    }
  }

  @Test
  void unknownValuesAreDescribedInHex() {
    assertThat(HResult.fromValue(0x8004CF03)).isEmpty();
    assertThat(HResult.describe(0x8004CF03)).contains("0x8004CF03");
    assertThat(HResult.describe(0x8004CF3B)).startsWith("E_DRM_NO_CONNECT (0x8004CF3B)");
  }

  @Test
  void drmExceptionCarriesItsHresultAndRefusesSuccess() {
    DrmException e = new DrmException(HResult.E_DRM_NO_CONNECT, "server down");
    assertThat(e.hresult()).isEqualTo(HResult.E_DRM_NO_CONNECT);
    assertThat(e.value()).isEqualTo(0x8004CF3B);
    assertThat(e.getMessage()).isEqualTo("E_DRM_NO_CONNECT: server down");
    assertThatThrownBy(() -> new DrmException(HResult.S_DRM_COMPLETED))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
