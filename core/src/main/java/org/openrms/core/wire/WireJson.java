package org.openrms.core.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The one Jackson configuration of the wire format, used by the client SDK and the server alike:
 * Jackson's defaults, except that unknown fields are ignored when reading (so either side can add a
 * field without breaking the other).
 *
 * <p>Only the immutable {@link ObjectReader} and {@link ObjectWriter} are handed out, so no caller
 * can reconfigure the shared mapper; a stricter use derives its own reader, e.g. {@code
 * WireJson.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)}.
 */
public final class WireJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final ObjectReader READER = MAPPER.reader();
  private static final ObjectWriter WRITER = MAPPER.writer();

  private WireJson() {}

  /**
   * The reader of the wire format (unknown fields ignored); use {@link ObjectReader#forType} for a
   * wire record, or {@link ObjectReader#readTree} for a tree.
   *
   * @return the shared, immutable and thread-safe reader
   */
  public static ObjectReader reader() {
    return READER;
  }

  /**
   * The writer of the wire format.
   *
   * @return the shared, immutable and thread-safe writer
   */
  public static ObjectWriter writer() {
    return WRITER;
  }
}
