package org.openrms.core;

import java.util.Collection;
import java.util.EnumSet;

/**
 * An enum constant that stands for one bit of a C flags word ({@code DRM_ACTIVATE_*}, {@code
 * __WSManSessionFlags}, ...). The static helpers convert between a set of constants and the word,
 * so each flag enum only declares its values and its own error for unknown bits.
 */
public interface BitFlag {
  /** The value of this flag in the C flags word ({@code 0} for a default that has no bit). */
  int bit();

  /** The result of {@link #decode}: the known flags set in a word, and the bits left over. */
  record Decoded<E extends Enum<E>>(EnumSet<E> flags, int unknownBits) {}

  /** The flags word of a set of flags ({@code 0} for an empty set). */
  static <E extends Enum<E> & BitFlag> int bits(Collection<E> flags) {
    int bits = 0;
    for (E f : flags) {
      bits |= f.bit();
    }
    return bits;
  }

  /**
   * The constants of {@code type} whose (non-zero) bit is set in {@code bits}, and the bits no
   * constant accounts for; the caller decides how to report those.
   */
  static <E extends Enum<E> & BitFlag> Decoded<E> decode(Class<E> type, int bits) {
    EnumSet<E> out = EnumSet.noneOf(type);
    int rest = bits;
    for (E f : type.getEnumConstants()) {
      if (f.bit() != 0 && (bits & f.bit()) != 0) {
        out.add(f);
        rest &= ~f.bit();
      }
    }
    return new Decoded<>(out, rest);
  }
}
