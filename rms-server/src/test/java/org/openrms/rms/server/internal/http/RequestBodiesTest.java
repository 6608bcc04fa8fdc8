package org.openrms.rms.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openrms.core.wire.MachineActivationRequest;
import org.openrms.core.wire.RmsErrorCode;

class RequestBodiesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "Application/JSON",
        " application/json ",
        "application/json;",
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        "application/json ; CharSet = Utf-8",
        "application/json; charset=\"utf-8\"",
      })
  void acceptsJsonWithAnOptionalUtf8Charset(String contentType) {
    assertThatCode(() -> RequestBodies.requireJson(contentType)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        ";",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/problem+json",
        "application/json-patch+json",
        "application/jsonx",
        "application/json/x",
        "json",
        "application/json; charset=iso-8859-1",
        "application/json; charset=utf-16",
        "application/json; charset=",
        "application/json; charset=\"",
        "application/json; charset=utf-8; charset=utf-8",
        "application/json; charset",
        "application/json; foo=bar",
        "application/json, text/plain",
      })
  void refusesEverythingElseWith415NamingTheExpectedType(String contentType) {
    assertThatThrownBy(() -> RequestBodies.requireJson(contentType))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(415);
              assertThat(e.code()).isEqualTo(RmsErrorCode.BAD_REQUEST);
              assertThat(e.detail()).contains("application/json");
            });
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parseIgnoresUnknownFields() {
    MachineActivationRequest r =
        RequestBodies.parse(
            utf8("{\"publicKey\":\"k\",\"timestamp\":7,\"extra\":[1,{}]}"),
            MachineActivationRequest.class);
    assertThat(r.publicKey()).isEqualTo("k");
    assertThat(r.timestamp()).isEqualTo(7);
    assertThat(r.proof()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"publicKey\":\"k\",\"timestamp\":null}",
        "{\"publicKey\":\"k\",\"timestamp\":7} {}",
        "{\"publicKey\":\"k\",\"timestamp\":7} x",
        "{\"publicKey\":\"k\",\"timestamp\":7}]",
      })
  void parseRefusesNullForAPrimitiveAndTrailingTokensWith400(String body) {
    assertThatThrownBy(() -> RequestBodies.parse(utf8(body), MachineActivationRequest.class))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo(RmsErrorCode.BAD_REQUEST);
              assertThat(e.detail())
                  .isEqualTo(
                      "the request body is not a valid MachineActivationRequest JSON object");
            });
  }
}
