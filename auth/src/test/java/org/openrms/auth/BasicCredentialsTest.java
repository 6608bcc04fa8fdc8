package org.openrms.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Basic codec. The parse cases came from rms-server's {@code BasicAuthenticatorTest} (its
 * rejections are now an empty result here; rms-server still proves they are 401 there).
 */
class BasicCredentialsTest {

  private static String basic(byte[] raw) {
    return "Basic " + Base64.getEncoder().encodeToString(raw);
  }

  private static String basic(String text) {
    return basic(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void splitsAtTheFirstColonAndDecodesUtf8() {
    try (BasicCredentials c = BasicCredentials.parse(basic("zoë:pa:ss wörd")).orElseThrow()) {
      assertThat(c.login()).isEqualTo("zoë");
      assertThat(new String(c.password())).isEqualTo("pa:ss wörd");
    }
  }

  @Test
  void schemeIsCaseInsensitiveAndAnEmptyPasswordParses() {
    try (BasicCredentials c =
        BasicCredentials.parse("bAsIc   " + basic("alice:").substring(6) + "  ").orElseThrow()) {
      assertThat(c.login()).isEqualTo("alice");
      assertThat(c.password()).isEmpty();
    }
  }

  @Test
  void closeZeroesThePassword() {
    BasicCredentials c = BasicCredentials.parse(basic("alice:secret")).orElseThrow();
    char[] password = c.password();
    c.close();
    assertThat(password).containsOnly('\0');
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
  void malformedHeadersAreRejected(String header) {
    assertThat(BasicCredentials.parse(header)).isEmpty();
  }

  @Test
  void isBasicLooksAtTheSchemeOnly() {
    assertThat(BasicCredentials.isBasic("basic %%%")).isTrue();
    assertThat(BasicCredentials.isBasic("BASIC ")).isTrue();
    assertThat(BasicCredentials.isBasic("Basic")).isFalse();
    assertThat(BasicCredentials.isBasic("Negotiate YWJj")).isFalse();
    assertThat(BasicCredentials.isBasic(null)).isFalse();
  }

  @Test
  void encodeIsRfc7617AndRoundTrips() {
    assertThat(BasicCredentials.encode("Aladdin", "open sesame".toCharArray()))
        .isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    String header = BasicCredentials.encode("zoë", "pa:ss wörd".toCharArray());
    try (BasicCredentials c = BasicCredentials.parse(header).orElseThrow()) {
      assertThat(c.login()).isEqualTo("zoë");
      assertThat(new String(c.password())).isEqualTo("pa:ss wörd");
    }
    try (BasicCredentials c =
        BasicCredentials.parse(BasicCredentials.encode("alice", new char[0])).orElseThrow()) {
      assertThat(c.password()).isEmpty();
    }
  }

  @Test
  void encodeRefusesWhatParseWouldRefuse() {
    assertThatThrownBy(() -> BasicCredentials.encode("", "pw".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BasicCredentials.encode("a:b", "pw".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BasicCredentials.encode("alice", new char[] {'\uD800'}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BasicCredentials.encode("\uDC00", "pw".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BasicCredentials.encode(null, "pw".toCharArray()))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void encodeLeavesThePasswordToTheCallerAndToStringHidesIt() {
    char[] password = "secret".toCharArray();
    BasicCredentials.encode("alice", password);
    assertThat(new String(password)).isEqualTo("secret");
    try (BasicCredentials c = BasicCredentials.parse(basic("alice:secret")).orElseThrow()) {
      assertThat(c.toString()).contains("alice").doesNotContain("secret");
    }
  }
}
