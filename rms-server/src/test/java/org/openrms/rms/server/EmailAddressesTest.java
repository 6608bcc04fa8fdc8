package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice@example.com",
        "first.last+tag@sub.example.co.uk",
        "o'hara@example.ie",
        "x@a.io",
        "\"john doe\"@example.com",
        "\"quoted\\\"inside\"@example.com",
        "user@[192.0.2.1]",
        "user@[IPv6:2001:db8::1]",
        "a-b_c!#$%&*/=?^`{|}~@xn--bcher-kva.example"
      })
  void acceptsValidAddresses(String address) {
    assertThat(EmailAddresses.isValid(address)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plainaddress",
        "@example.com",
        "alice@",
        "alice@localhost",
        "alice@@example.com",
        ".alice@example.com",
        "alice.@example.com",
        "al..ice@example.com",
        "alice@example..com",
        "alice@-example.com",
        "alice@example-.com",
        "alice@example.123",
        "al ice@example.com",
        "alice@exa mple.com",
        "\"unterminated@example.com",
        "alice@[300.1.1.1]",
        "alice@[1.2.3]",
        "jürgen@example.de",
        "alice@example.com\n",
        "not-an-address"
      })
  void rejectsInvalidAddresses(String address) {
    assertThat(EmailAddresses.isValid(address)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void rejectsNullAndOverlongAddresses() {
    assertThat(EmailAddresses.isValid(null)).isFalse();
    assertThat(EmailAddresses.isValid("a".repeat(65) + "@example.com")).isFalse();
    assertThat(EmailAddresses.isValid("a@" + "b".repeat(64) + ".com")).isFalse();
    assertThat(EmailAddresses.isValid("a@" + ("b".repeat(60) + ".").repeat(5) + "com")).isFalse();
  }
}
