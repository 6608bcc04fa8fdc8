package org.openrms.rms.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.openrms.core.wire.RmsErrorCode;
import org.openrms.core.wire.RmsPaths;
import org.openrms.core.wire.WireJson;

/** Reads request bodies completely (so Jetty keeps the connection) with a size cap. */
public final class RequestBodies {
  /**
   * The wire-format reader ({@link WireJson}: unknown fields ignored), stricter for requests: JSON
   * null for a primitive field and anything after the JSON value are refused.
   */
  private static final ObjectReader REQUEST_READER =
      WireJson.reader()
          .with(
              DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
              DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RequestBodies() {}

  /**
   * Reads the whole body. A body over {@code max} bytes is still drained up to a limit (so that the
   * client reads the 413 instead of a reset connection), then refused.
   *
   * @throws ApiException 413 if the body is larger than {@code max}
   * @throws IOException if the connection fails while reading
   */
  public static byte[] read(Request request, int max) throws IOException {
    long drainLimit = Math.max(1L << 20, 4L * max);
    long declared = request.getLength();
    if (declared > drainLimit) {
      throw tooLarge(max);
    }
    InputStream in = Content.Source.asInputStream(request);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buf)) != -1) {
      total += n;
      if (total <= max) {
        out.write(buf, 0, n);
      } else if (total > drainLimit) {
        break;
      }
    }
    if (total > max) {
      throw tooLarge(max);
    }
    return out.toByteArray();
  }

  /** What a 415 answer names as the expected media type. */
  static final String EXPECTED_TYPE = "application/json (optionally with charset=utf-8)";

  /**
   * Checks the {@code Content-Type} of a JSON request body: {@code application/json}, compared
   * case-insensitively, with no parameter other than an optional {@code charset=utf-8} (quoted or
   * not, any case). The body is UTF-8 JSON (RFC 8259), so another charset is refused too.
   *
   * @param contentType the header value, or {@code null} if there was none (or more than one)
   * @throws ApiException 415 {@code BAD_REQUEST} otherwise
   */
  public static void requireJson(String contentType) {
    if (contentType == null) {
      throw unsupportedMediaType();
    }
    String[] parts = contentType.split(";", -1);
    if (!parts[0].strip().equalsIgnoreCase(RmsPaths.JSON)) {
      throw unsupportedMediaType();
    }
    boolean charsetSeen = false;
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].strip();
      if (param.isEmpty()) {
        continue;
      }
      int eq = param.indexOf('=');
      if (eq < 0 || charsetSeen || !param.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        throw unsupportedMediaType();
      }
      String value = param.substring(eq + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      if (!value.equalsIgnoreCase("utf-8")) {
        throw unsupportedMediaType();
      }
      charsetSeen = true;
    }
  }

  private static ApiException unsupportedMediaType() {
    return new ApiException(
        RmsErrorCode.BAD_REQUEST, 415, "the request body must be " + EXPECTED_TYPE);
  }

  private static ApiException tooLarge(int max) {
    return new ApiException(
        RmsErrorCode.BAD_REQUEST, 413, "the request body is larger than " + max + " bytes");
  }

  /**
   * Parses a JSON body into a wire record.
   *
   * @throws ApiException 400 if the body is not JSON of that shape
   */
  public static <T> T parse(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw new ApiException(RmsErrorCode.BAD_REQUEST, "the request body is empty");
    }
    try {
      T value = REQUEST_READER.forType(type).readValue(body);
      if (value == null) {
        throw new ApiException(RmsErrorCode.BAD_REQUEST, "the request body is JSON null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new ApiException(
          RmsErrorCode.BAD_REQUEST,
          "the request body is not a valid " + type.getSimpleName() + " JSON object");
    } catch (IOException e) {
      throw new ApiException(RmsErrorCode.BAD_REQUEST, "the request body cannot be read");
    }
  }

  /**
   * Checks that a required field is present.
   *
   * @throws ApiException 400 if it is null or blank
   */
  public static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new ApiException(RmsErrorCode.BAD_REQUEST, "the field '" + field + "' is missing");
    }
    return value;
  }
}
