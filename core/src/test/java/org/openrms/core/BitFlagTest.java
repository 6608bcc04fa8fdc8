package org.openrms.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class BitFlagTest {
  enum Sample implements BitFlag {
    NONE(0),
    A(0x1),
    B(0x4),
    C(0x40);

    private final int bit;

    Sample(int bit) {
      this.bit = bit;
    }

    @Override
    public int bit() {
      return bit;
    }
  }

  @Test
  void bitsOrTheValuesOfTheSet() {
    assertThat(BitFlag.bits(EnumSet.noneOf(Sample.class))).isZero();
    assertThat(BitFlag.bits(EnumSet.of(Sample.A, Sample.C))).isEqualTo(0x41);
  }

  @Test
  void decodeReturnsKnownFlagsAndTheLeftoverBitsButNeverAZeroBitConstant() {
    BitFlag.Decoded<Sample> d = BitFlag.decode(Sample.class, 0x1 | 0x4 | 0x2 | 0x100);
    assertThat(d.flags()).containsExactly(Sample.A, Sample.B);
    assertThat(d.unknownBits()).isEqualTo(0x102);
    assertThat(BitFlag.decode(Sample.class, 0).flags()).isEmpty();
    assertThat(BitFlag.decode(Sample.class, 0).unknownBits()).isZero();
  }
}
