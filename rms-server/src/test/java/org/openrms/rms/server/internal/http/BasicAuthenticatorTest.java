package org.openrms.rms.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openrms.auth.BasicCredentials;
import org.openrms.core.wire.RmsErrorCode;

/**
 * What rms-server adds to the shared Basic codec: every malformed header is a 401. The parsing
 * rules themselves are tested in auth's {@code BasicCredentialsTest}.
 */
class BasicAuthenticatorTest {

  private static String basic(byte[] raw) {
    return "Basic " + Base64.getEncoder().encodeToString(raw);
  }

  private static String basic(String text) {
    return basic(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parseHandsBackTheSharedCodecsCredentials() {
    try (BasicCredentials c = BasicAuthenticator.parse(basic("zoë:pa:ss wörd"))) {
      assertThat(c.login()).isEqualTo("zoë");
      assertThat(new String(c.password())).isEqualTo("pa:ss wörd");
    }
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "Basic",
        "Basic ",
        "Bearer YWxpY2U6cHc=",
        "BasicYWxpY2U6cHc=",
        "Basic %%%",
        "Basic YWxpY2U6cHc=!",
        "Basic bm8tY29sb24=", // no-colon
        "Basic OnBhc3N3b3Jk", // :password (empty login)
        "Basic /zpwdw==", // 0xff:pw (login not UTF-8)
        "Basic YWxpY2U6/w==", // alice:0xff (password not UTF-8)
        "Basic 7aCAOnB3", // CESU-8 surrogate as login
      })
  void malformedHeadersAre401(String header) {
    assertThatThrownBy(() -> BasicAuthenticator.parse(header))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.code()).isEqualTo(RmsErrorCode.AUTHENTICATION_FAILED);
            });
  }
}
