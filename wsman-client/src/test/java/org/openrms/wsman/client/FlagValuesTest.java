package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Windows values of __WSManSessionFlags (DESIGN.md) and _WSManEnumFlags (wsmandisp.h). */
class FlagValuesTest {
  @Test
  void sessionFlagsHaveTheWindowsValues() {
    Map<SessionFlag, Integer> expected =
        Map.ofEntries(
            Map.entry(SessionFlag.UTF8, 0x1),
            Map.entry(SessionFlag.CRED_USERNAME_PASSWORD, 0x1000),
            Map.entry(SessionFlag.SKIP_CA_CHECK, 0x2000),
            Map.entry(SessionFlag.SKIP_CN_CHECK, 0x4000),
            Map.entry(SessionFlag.USE_NO_AUTHENTICATION, 0x8000),
            Map.entry(SessionFlag.USE_DIGEST, 0x10000),
            Map.entry(SessionFlag.USE_NEGOTIATE, 0x20000),
            Map.entry(SessionFlag.USE_BASIC, 0x40000),
            Map.entry(SessionFlag.USE_KERBEROS, 0x80000),
            Map.entry(SessionFlag.NO_ENCRYPTION, 0x100000),
            Map.entry(SessionFlag.ENABLE_SPN_SERVER_PORT, 0x400000),
            Map.entry(SessionFlag.UTF16, 0x800000),
            Map.entry(SessionFlag.USE_CRED_SSP, 0x1000000),
            Map.entry(SessionFlag.SKIP_REVOCATION_CHECK, 0x2000000),
            Map.entry(SessionFlag.ALLOW_NEGOTIATE_IMPLICIT_CREDENTIALS, 0x4000000),
            Map.entry(SessionFlag.USE_SSL, 0x8000000));
    assertThat(expected).hasSize(SessionFlag.values().length);
    expected.forEach((flag, bit) -> assertThat(flag.bit()).as(flag.name()).isEqualTo(bit));
  }

  @ParameterizedTest
  @EnumSource(SessionFlag.class)
  void everySessionFlagRoundTripsThroughItsBit(SessionFlag flag) {
    assertThat(SessionFlag.fromBits(flag.bit())).containsExactly(flag);
  }

  @Test
  void sessionFlagBitMasksRoundTrip() {
    EnumSet<SessionFlag> all = EnumSet.allOf(SessionFlag.class);
    assertThat(SessionFlag.fromBits(SessionFlag.bits(all))).isEqualTo(all);
    assertThat(SessionFlag.bits(EnumSet.noneOf(SessionFlag.class))).isZero();
    assertThat(SessionFlag.fromBits(0)).isEmpty();
    assertThat(SessionFlag.fromBits(0x40000 | 0x8000000))
        .containsExactlyInAnyOrder(SessionFlag.USE_BASIC, SessionFlag.USE_SSL);
  }

  @Test
  void unknownSessionFlagBitsAreRefusedNamingThem() {
    assertThatThrownBy(() -> SessionFlag.fromBits(0x40000 | 0x200000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown session flag bits 0x200000 in 0x240000");
    assertThatThrownBy(() -> SessionFlag.fromBits(0x2))
        .hasMessageContaining("unknown session flag bits 0x2");
    assertThatThrownBy(() -> SessionFlag.fromBits(0x80000000)).hasMessageContaining("0x80000000");
  }

  @Test
  void onlyTheUseFlagsNameAMechanism() {
    assertThat(SessionFlag.USE_BASIC.authMechanism()).contains(AuthMechanism.BASIC);
    assertThat(SessionFlag.USE_NO_AUTHENTICATION.authMechanism()).contains(AuthMechanism.NONE);
    assertThat(SessionFlag.USE_CRED_SSP.authMechanism()).contains(AuthMechanism.CREDSSP);
    assertThat(SessionFlag.USE_SSL.authMechanism()).isEmpty();
    assertThat(SessionFlag.CRED_USERNAME_PASSWORD.authMechanism()).isEmpty();
  }

  @Test
  void enumerationFlagsHaveTheWindowsValues() {
    assertThat(EnumerationFlag.RETURN_OBJECT.bit()).isEqualTo(0x0);
    assertThat(EnumerationFlag.NON_XML_TEXT.bit()).isEqualTo(0x1);
    assertThat(EnumerationFlag.RETURN_EPR.bit()).isEqualTo(0x2);
    assertThat(EnumerationFlag.RETURN_OBJECT_AND_EPR.bit()).isEqualTo(0x4);
    assertThat(EnumerationFlag.HIERARCHY_DEEP.bit()).isEqualTo(0x0);
    assertThat(EnumerationFlag.HIERARCHY_SHALLOW.bit()).isEqualTo(0x20);
    assertThat(EnumerationFlag.HIERARCHY_DEEP_BASE_PROPS_ONLY.bit()).isEqualTo(0x40);
    assertThat(EnumerationFlag.ASSOCIATED_INSTANCE.bit()).isEqualTo(0x0);
    assertThat(EnumerationFlag.ASSOCIATION_INSTANCE.bit()).isEqualTo(0x80);
    assertThat(EnumerationFlag.values()).hasSize(9);
  }

  @Test
  void zeroIsTheDefaultOfEveryEnumerationGroup() {
    assertThat(EnumerationFlag.fromBits(0))
        .containsExactlyInAnyOrder(
            EnumerationFlag.RETURN_OBJECT,
            EnumerationFlag.HIERARCHY_DEEP,
            EnumerationFlag.ASSOCIATED_INSTANCE);
  }

  @Test
  void enumerationFlagsCombineAcrossGroups() {
    assertThat(EnumerationFlag.fromBits(0x1 | 0x4 | 0x20 | 0x80))
        .containsExactlyInAnyOrder(
            EnumerationFlag.NON_XML_TEXT,
            EnumerationFlag.RETURN_OBJECT_AND_EPR,
            EnumerationFlag.HIERARCHY_SHALLOW,
            EnumerationFlag.ASSOCIATION_INSTANCE);
    assertThat(
            EnumerationFlag.bits(
                EnumSet.of(
                    EnumerationFlag.RETURN_EPR, EnumerationFlag.HIERARCHY_DEEP_BASE_PROPS_ONLY)))
        .isEqualTo(0x42);
  }

  @Test
  void twoChoicesOfOneEnumerationGroupAreRefused() {
    assertThatThrownBy(() -> EnumerationFlag.fromBits(0x2 | 0x4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("conflicting enumeration flags [RETURN_EPR, RETURN_OBJECT_AND_EPR]");
    assertThatThrownBy(() -> EnumerationFlag.fromBits(0x20 | 0x40))
        .hasMessageContaining("HIERARCHY_SHALLOW, HIERARCHY_DEEP_BASE_PROPS_ONLY");
  }

  @Test
  void unknownEnumerationBitsAreRefused() {
    assertThatThrownBy(() -> EnumerationFlag.fromBits(0x8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown enumeration flag bits 0x8");
    assertThatThrownBy(() -> EnumerationFlag.fromBits(0x10))
        .hasMessageContaining("unknown enumeration flag bits 0x10");
  }
}
