package org.openrms.wsman;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the transcribed wire samples under {@code wire/}. */
final class Wire {
  private Wire() {}

  static byte[] bytes(String name) {
    try (InputStream in = Wire.class.getResourceAsStream("wire/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Envelope read(String name) {
    return new EnvelopeReader().read(bytes(name));
  }
}
