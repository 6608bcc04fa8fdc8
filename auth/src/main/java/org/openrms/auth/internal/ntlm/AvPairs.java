package org.openrms.auth.internal.ntlm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An AV_PAIR list (MS-NLMP 2.2.2.1): the TargetInfo of a CHALLENGE and the pairs inside an NTLMv2
 * client blob. Order is kept; the terminating MsvAvEOL is implicit (added when encoding, required
 * when parsing). Immutable.
 */
final class AvPairs {
  static final int EOL = 0;
  static final int NB_COMPUTER_NAME = 1;
  static final int NB_DOMAIN_NAME = 2;
  static final int DNS_COMPUTER_NAME = 3;
  static final int DNS_DOMAIN_NAME = 4;
  static final int FLAGS = 6;
  static final int TIMESTAMP = 7;
  static final int TARGET_NAME = 9;
  static final int CHANNEL_BINDINGS = 10;

  /** MsvAvFlags bit: the AUTHENTICATE message carries a MIC. */
  static final int FLAG_MIC = 0x2;

  /** One pair. */
  record Pair(int id, byte[] value) {}

  private final List<Pair> pairs;

  private AvPairs(List<Pair> pairs) {
    this.pairs = List.copyOf(pairs);
  }

  static AvPairs of(List<Pair> pairs) {
    return new AvPairs(pairs);
  }

  /**
   * Reads pairs from {@code b} at {@code off} up to and including MsvAvEOL.
   *
   * @return the pairs and, through {@code end[0]}, the offset just after the EOL
   */
  static AvPairs parse(byte[] b, int off, int[] end) {
    List<Pair> out = new ArrayList<>();
    int at = off;
    while (true) {
      int id = Wire.u16(b, at);
      int len = Wire.u16(b, at + 2);
      byte[] value = Wire.slice(b, at + 4, len);
      at += 4 + len;
      if (id == EOL) {
        break;
      }
      for (Pair p : out) {
        if (p.id() == id) {
          throw Wire.malformed("duplicate AV pair " + id);
        }
      }
      out.add(new Pair(id, value));
    }
    if (end != null) {
      end[0] = at;
    }
    return new AvPairs(out);
  }

  static AvPairs parse(byte[] b) {
    return parse(b, 0, null);
  }

  Optional<byte[]> get(int id) {
    for (Pair p : pairs) {
      if (p.id() == id) {
        return Optional.of(p.value());
      }
    }
    return Optional.empty();
  }

  Optional<String> string(int id) {
    return get(id).map(Wire::utf16);
  }

  /** MsvAvFlags, 0 when absent. */
  int flags() {
    return get(FLAGS).map(v -> fixed(v, 4, "MsvAvFlags")).map(v -> Wire.u32(v, 0)).orElse(0);
  }

  /** MsvAvTimestamp (FILETIME), if present. */
  Optional<Long> timestamp() {
    return get(TIMESTAMP).map(v -> Wire.u64(fixed(v, 8, "MsvAvTimestamp"), 0));
  }

  /** MsvAvChannelBindings, if present. */
  Optional<byte[]> channelBindings() {
    return get(CHANNEL_BINDINGS).map(v -> fixed(v, 16, "MsvAvChannelBindings"));
  }

  List<Pair> pairs() {
    return pairs;
  }

  /** A copy with {@code id} set to {@code value} (replacing it in place, or appended). */
  AvPairs with(int id, byte[] value) {
    List<Pair> out = new ArrayList<>(pairs);
    for (int k = 0; k < out.size(); k++) {
      if (out.get(k).id() == id) {
        out.set(k, new Pair(id, value));
        return new AvPairs(out);
      }
    }
    out.add(new Pair(id, value));
    return new AvPairs(out);
  }

  byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Pair p : pairs) {
      writePair(out, p.id(), p.value());
    }
    writePair(out, EOL, new byte[0]);
    return out.toByteArray();
  }

  static byte[] u32(int v) {
    byte[] b = new byte[4];
    Wire.putLe32(b, 0, v);
    return b;
  }

  static byte[] u64(long v) {
    byte[] b = new byte[8];
    Wire.putLe64(b, 0, v);
    return b;
  }

  private static byte[] fixed(byte[] v, int len, String what) {
    if (v.length != len) {
      throw Wire.malformed(what + " must be " + len + " bytes");
    }
    return v;
  }

  private static void writePair(ByteArrayOutputStream out, int id, byte[] value) {
    out.write(id);
    out.write(id >>> 8);
    out.write(value.length);
    out.write(value.length >>> 8);
    out.writeBytes(value);
  }
}
