package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed connection strings: each is refused with a message naming the problem. */
class ConnectionStringErrorsTest {
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "http://host:abc              | port 'abc' is not a number",
        "http://host:                 | empty port",
        "http://host:0                | port 0 is out of range",
        "http://host:65536            | port 65536 is out of range",
        "http://host:123456           | is not a number from 1 to 65535",
        "http://host:-1               | is not a number",
        "E3D7::51F4:9BC8:C0A8:6420    | must be written in brackets",
        "https://fe80::1:5986/wsman   | must be written in brackets",
        "ftp://host                   | unknown transport 'ftp'",
        "HTTPX://host                 | unknown transport 'HTTPX'",
        "://host                      | unknown transport ''",
        "http://                      | empty host",
        "http://:5985                 | empty host",
        ":5985                        | empty host",
        "/wsman                       | empty host",
        "https://[]:5986              | empty host",
        "https://[E3D7::1             | without closing ']'",
        "https://[E3D7::1]x           | unexpected 'x' after the IPv6 address",
        "https://[not:an:ip:v6:x:y:z:w:q] | is not a valid IPv6 address",
        "https://[1:2:3:4:5:6:7:8:9]  | is not a valid IPv6 address",
        "https://[1::2::3]            | is not a valid IPv6 address",
        "http://256.1.1.1             | '256.1.1.1' is not a valid IPv4 address",
        "http://10.0.0                | is not a valid IPv4 address",
        "http://bad..host             | empty label",
        "http://bad!host              | character '!' not allowed",
        "http://user@host             | character '@' is not allowed",
        "http://host/wsman?x=1        | character '?' is not allowed",
        "http://host/wsman#frag       | character '#' is not allowed",
        "http://host//wsman           | empty segment",
        "http://host/ws<man           | character '<' not allowed in suffix",
      })
  void malformedStringsAreRefusedNamingTheProblem(String connection, String problem) {
    assertThatThrownBy(() -> ConnectionString.parse(connection))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed connection string '" + connection + "'")
        .hasMessageContaining(problem);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'http://host name'  | whitespace or control character at index 11",
        "' host'             | whitespace or control character at index 0",
        "'host '             | whitespace or control character at index 4",
        "'   '               | whitespace or control character at index 0",
        "'http://h\tx'       | whitespace or control character at index 8",
      })
  void spacesAreRefused(String connection, String problem) {
    assertThatThrownBy(() -> ConnectionString.parse(connection))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }

  @ParameterizedTest
  @CsvSource({"http://host", "HTTP://host:5985/wsman"})
  void anExplicitHttpTransportConflictsWithUseSsl(String connection) {
    assertThatThrownBy(() -> ConnectionString.parse(connection, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UseSsl flag conflicts with the http:// transport");
  }
}
