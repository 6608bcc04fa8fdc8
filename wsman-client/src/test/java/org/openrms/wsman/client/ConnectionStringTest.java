package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The connection strings of seed 003 (IWSMan::CreateSession): every example of its Remarks and
 * every sentence of the {@code connection} parameter, one test each, named after the sentence.
 */
class ConnectionStringTest {
  private static final String V6 = "E3D7:0000:0000:0000:51F4:9BC8:C0A8:6420";

  /** "https://service" — Uses HTTPS to connect to the default web service location. */
  @Test
  void httpsServiceUsesHttpsToConnectToTheDefaultWebServiceLocation() {
    ConnectionString c = ConnectionString.parse("https://service");
    assertThat(c.scheme()).isEqualTo("https");
    assertThat(c.host()).isEqualTo("service");
    assertThat(c.port()).isEqualTo(5986);
    assertThat(c.suffix()).isEqualTo("/wsman");
    assertThat(c.toUri()).isEqualTo(URI.create("https://service:5986/wsman"));
  }

  /** "https://service.corp.com/websvcs/wsman" — Uses HTTPS to connect to the specific location. */
  @Test
  void httpsServiceCorpComWebsvcsWsmanUsesHttpsToConnectToTheSpecificWebServiceLocation() {
    ConnectionString c = ConnectionString.parse("https://service.corp.com/websvcs/wsman");
    assertThat(c.isHttps()).isTrue();
    assertThat(c.host()).isEqualTo("service.corp.com");
    assertThat(c.port()).isEqualTo(5986);
    assertThat(c.suffix()).isEqualTo("/websvcs/wsman");
    assertThat(c.toUri()).isEqualTo(URI.create("https://service.corp.com:5986/websvcs/wsman"));
  }

  /**
   * "https://[E3D7:0000:0000:0000:51F4:9BC8:C0A8:6420]" — Uses HTTPS and IPv6 with the default
   * port.
   */
  @Test
  void httpsBracketedIpv6UsesHttpsAndIpv6WithTheDefaultPort() {
    ConnectionString c = ConnectionString.parse("https://[" + V6 + "]");
    assertThat(c.isHttps()).isTrue();
    assertThat(c.isIpv6()).isTrue();
    assertThat(c.host()).isEqualTo(V6);
    assertThat(c.address()).isEqualTo("[" + V6 + "]");
    assertThat(c.port()).isEqualTo(5986);
    assertThat(c.suffix()).isEqualTo("/wsman");
    assertThat(c.toUri()).isEqualTo(URI.create("https://[" + V6 + "]:5986/wsman"));
  }

  /** "https://[E3D7:…:6420]:9999/wsman" — Uses HTTPS and IPv6 with the given port. */
  @Test
  void httpsBracketedIpv6WithPortUsesHttpsAndIpv6WithTheGivenPort() {
    ConnectionString c = ConnectionString.parse("https://[" + V6 + "]:9999/wsman");
    assertThat(c.isHttps()).isTrue();
    assertThat(c.host()).isEqualTo(V6);
    assertThat(c.port()).isEqualTo(9999);
    assertThat(c.suffix()).isEqualTo("/wsman");
    assertThat(c.toUri().getPort()).isEqualTo(9999);
    assertThat(c.toUri().getHost()).isEqualTo("[" + V6 + "]");
  }

  /** "If no connection information is provided, the local computer is used." */
  @Test
  void ifNoConnectionInformationIsProvidedTheLocalComputerIsUsed() {
    assertThat(ConnectionString.parse(null).toUri())
        .isEqualTo(URI.create("http://localhost:5985/wsman"));
    assertThat(ConnectionString.parse("").toUri())
        .isEqualTo(URI.create("http://localhost:5985/wsman"));
    assertThat(ConnectionString.parse("", true).toUri())
        .isEqualTo(URI.create("https://localhost:5986/wsman"));
    assertThat(ConnectionString.parse(null).isLoopback()).isTrue();
  }

  /** "The protocol and service to connect to, including either IPv4 or IPv6." */
  @Test
  void theProtocolAndServiceToConnectToIncludingEitherIpv4OrIpv6() {
    ConnectionString v4 = ConnectionString.parse("http://10.1.2.3");
    assertThat(v4.host()).isEqualTo("10.1.2.3");
    assertThat(v4.isIpv6()).isFalse();
    assertThat(v4.toUri()).isEqualTo(URI.create("http://10.1.2.3:5985/wsman"));
    ConnectionString v6 = ConnectionString.parse("http://[::1]:8080");
    assertThat(v6.isIpv6()).isTrue();
    assertThat(v6.toUri()).isEqualTo(URI.create("http://[::1]:8080/wsman"));
    assertThat(ConnectionString.parse("[fe80::1:2]").toUri())
        .isEqualTo(URI.create("http://[fe80::1:2]:5985/wsman"));
    assertThat(ConnectionString.parse("[::ffff:10.0.0.1]").host()).isEqualTo("::ffff:10.0.0.1");
  }

  /** "The format of the connection information is as follows: <Transport><Address><Suffix>." */
  @Test
  void theFormatOfTheConnectionInformationIsTransportAddressSuffix() {
    ConnectionString all = ConnectionString.parse("HTTP://Host-1.corp.com:1234/a/b");
    assertThat(all.scheme()).isEqualTo("http");
    assertThat(all.host()).isEqualTo("Host-1.corp.com");
    assertThat(all.port()).isEqualTo(1234);
    assertThat(all.suffix()).isEqualTo("/a/b");
    ConnectionString addressOnly = ConnectionString.parse("server1");
    assertThat(addressOnly.toUri()).isEqualTo(URI.create("http://server1:5985/wsman"));
    ConnectionString addressAndPort = ConnectionString.parse("server1:80");
    assertThat(addressAndPort.toUri()).isEqualTo(URI.create("http://server1:80/wsman"));
    ConnectionString addressAndSuffix = ConnectionString.parse("server1/custom");
    assertThat(addressAndSuffix.toUri()).isEqualTo(URI.create("http://server1:5985/custom"));
    assertThat(ConnectionString.parse("https://server1/").suffix()).isEqualTo("/wsman");
  }

  @Test
  void withoutTransportTheUseSslFlagSelectsHttps() {
    assertThat(ConnectionString.parse("server1", true).toUri())
        .isEqualTo(URI.create("https://server1:5986/wsman"));
    assertThat(ConnectionString.parse("https://server1", true).port()).isEqualTo(5986);
    assertThat(ConnectionString.parse("server1", false).scheme()).isEqualTo("http");
  }

  @Test
  void defaultPortsAre5985ForHttpAnd5986ForHttps() {
    assertThat(ConnectionString.parse("http://h").port()).isEqualTo(ConnectionString.HTTP_PORT);
    assertThat(ConnectionString.parse("https://h").port()).isEqualTo(ConnectionString.HTTPS_PORT);
    assertThat(ConnectionString.HTTP_PORT).isEqualTo(5985);
    assertThat(ConnectionString.HTTPS_PORT).isEqualTo(5986);
  }

  @Test
  void valueSemantics() {
    assertThat(ConnectionString.parse("http://h"))
        .isEqualTo(ConnectionString.parse("h:5985/wsman"))
        .hasSameHashCodeAs(ConnectionString.parse("h"));
    assertThat(ConnectionString.parse("https://h")).isNotEqualTo(ConnectionString.parse("h"));
    assertThat(ConnectionString.parse("h").toString()).isEqualTo("http://h:5985/wsman");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "https://service",
        "https://service.corp.com/websvcs/wsman",
        "https://[E3D7:0000:0000:0000:51F4:9BC8:C0A8:6420]",
        "https://[E3D7:0000:0000:0000:51F4:9BC8:C0A8:6420]:9999/wsman",
        "",
        "10.1.2.3:80/x",
        "[::1]"
      })
  void theEndpointUriParsesBackToTheSameConnection(String connection) {
    ConnectionString c = ConnectionString.parse(connection);
    assertThat(ConnectionString.parse(c.toString())).isEqualTo(c);
    assertThat(URI.create(c.toString())).isEqualTo(c.toUri());
  }
}
