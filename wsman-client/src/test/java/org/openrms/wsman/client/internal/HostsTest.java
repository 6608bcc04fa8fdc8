package org.openrms.wsman.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv4/IPv6 literal and host-name syntax, checked against the JDK's own literal parser. */
class HostsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "::",
        "::1",
        "1::",
        "E3D7:0000:0000:0000:51F4:9BC8:C0A8:6420",
        "e3d7::51f4:9bc8:c0a8:6420",
        "fe80::1:2:3",
        "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7::",
        "::ffff:10.0.0.1",
        "1:2:3:4:5:6:1.2.3.4",
      })
  void validIpv6LiteralsParseToTheJdksBytes(String text) throws Exception {
    // literals only: InetAddress parses them without any lookup
    assertThat(Hosts.parseIpv6(text)).isEqualTo(ipv6Bytes(text));
  }

  private static byte[] ipv6Bytes(String text) throws Exception {
    byte[] b = InetAddress.getByName("[" + text + "]").getAddress();
    if (b.length == 4) { // the JDK folds ::ffff:a.b.c.d to IPv4
      byte[] v6 = new byte[16];
      v6[10] = (byte) 0xff;
      v6[11] = (byte) 0xff;
      System.arraycopy(b, 0, v6, 12, 4);
      return v6;
    }
    return b;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ":",
        ":::",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        "12345::",
        "g::1",
        "1:2:3:4:5:6:7",
        "::1.2.3",
        "1.2.3.4::",
        "fe80::1%eth0",
        "1:2:3:4:5:6:7:1.2.3.4"
      })
  void invalidIpv6LiteralsAreRefused(String text) {
    assertThat(Hosts.parseIpv6(text)).isNull();
  }

  @Test
  void ipv4() {
    assertThat(Hosts.isIpv4("0.0.0.0")).isTrue();
    assertThat(Hosts.isIpv4("255.255.255.255")).isTrue();
    assertThat(Hosts.isIpv4("256.0.0.1")).isFalse();
    assertThat(Hosts.isIpv4("1.2.3")).isFalse();
    assertThat(Hosts.isIpv4("1.2.3.4.5")).isFalse();
    assertThat(Hosts.isIpv4("1..3.4")).isFalse();
    assertThat(Hosts.isIpv4("1234.1.1.1")).isFalse();
  }

  @Test
  void hostNames() {
    assertThat(Hosts.hostNameProblem("service.corp.com")).isNull();
    assertThat(Hosts.hostNameProblem("host_1-a.")).isNull();
    assertThat(Hosts.hostNameProblem("a".repeat(64))).contains("longer than 63");
    assertThat(Hosts.hostNameProblem(".a")).contains("empty label");
    assertThat(Hosts.hostNameProblem("é.com")).contains("'é' not allowed");
  }

  @Test
  void loopback() {
    assertThat(Hosts.isLoopback("localhost")).isTrue();
    assertThat(Hosts.isLoopback("127.0.0.1")).isTrue();
    assertThat(Hosts.isLoopback("::1")).isTrue();
    assertThat(Hosts.isLoopback("[::1]")).isTrue();
    assertThat(Hosts.isLoopback("0::0:1")).isTrue();
    assertThat(Hosts.isLoopback("::")).isFalse();
    assertThat(Hosts.isLoopback("127.0.0.2")).isFalse();
    assertThat(Hosts.isLoopback("host")).isFalse();
  }
}
