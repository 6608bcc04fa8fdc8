package org.openrms.rms.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openrms.core.wire.Problem;
import org.openrms.core.wire.RmsErrorCode;
import org.openrms.core.wire.RmsPaths;
import org.openrms.core.wire.WireJson;

/** A complete answer: status, media type, body and extra headers. */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
  /** 200 with a JSON body. */
  public static Reply json(Object value) {
    try {
      return new Reply(200, RmsPaths.JSON, WireJson.writer().writeValueAsBytes(value), Map.of());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  /** 200 with a text body of this media type. */
  public static Reply text(String contentType, String text) {
    return new Reply(200, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A problem+json answer. */
  public static Reply problem(RmsErrorCode code, int status, String detail) {
    Problem p =
        new Problem(
            "urn:openrms:problem:" + code.name().toLowerCase(java.util.Locale.ROOT),
            code.title(),
            status,
            detail,
            code.name());
    try {
      return new Reply(
          status, RmsPaths.PROBLEM_JSON, WireJson.writer().writeValueAsBytes(p), Map.of());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a problem", e);
    }
  }

  /** The problem answer of an {@link ApiException}. */
  public static Reply problem(ApiException e) {
    return problem(e.code(), e.status(), e.detail());
  }

  /** A copy with one more header. */
  public Reply withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(status, contentType, body, Map.copyOf(h));
  }

  /** A bodiless answer with a status and a header (redirects). */
  public static Reply empty(int status, String header, String value) {
    return new Reply(status, null, new byte[0], Map.of(header, value));
  }
}
