package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The TrustedHosts setting: names, IP addresses and {@code *} patterns, matched as written. */
class TrustedHostsTest {
  @Test
  void emptyTrustsNobody() {
    assertThat(TrustedHosts.none().isTrusted("localhost")).isFalse();
    assertThat(TrustedHosts.parse("").isTrusted("h")).isFalse();
    assertThat(TrustedHosts.parse(" , ,").patterns()).isEmpty();
  }

  @Test
  void aStarAloneTrustsEveryHost() {
    TrustedHosts all = TrustedHosts.parse("*");
    assertThat(all.isTrusted("anything")).isTrue();
    assertThat(all.isTrusted("10.1.2.3")).isTrue();
    assertThat(all.isTrusted("fe80::1")).isTrue();
  }

  @Test
  void domainPatternsMatchEveryDepthButNotTheBareDomain() {
    TrustedHosts t = TrustedHosts.parse("*.corp.com");
    assertThat(t.isTrusted("server.corp.com")).isTrue();
    assertThat(t.isTrusted("a.b.CORP.com")).isTrue();
    assertThat(t.isTrusted("corp.com")).isFalse();
    assertThat(t.isTrusted("server.corp.com.evil.org")).isFalse();
    assertThat(t.isTrusted("servercorp.com")).isFalse();
  }

  @Test
  void ipPatternsAndListsMatch() {
    TrustedHosts t = TrustedHosts.parse("server1, 10.0.0.*,192.168.1.5 , [FE80::1]");
    assertThat(t.isTrusted("SERVER1")).isTrue();
    assertThat(t.isTrusted("server1.corp.com")).as("names are not resolved").isFalse();
    assertThat(t.isTrusted("10.0.0.200")).isTrue();
    assertThat(t.isTrusted("10.0.1.2")).isFalse();
    assertThat(t.isTrusted("192.168.1.5")).isTrue();
    assertThat(t.isTrusted("192.168.1.50")).isFalse();
    assertThat(t.isTrusted("fe80::1")).isTrue();
    assertThat(t.isTrusted("[fe80::1]")).isTrue();
    assertThat(t.patterns()).containsExactly("server1", "10.0.0.*", "192.168.1.5", "fe80::1");
    assertThat(t).hasToString("server1, 10.0.0.*,192.168.1.5 , [FE80::1]");
  }

  @Test
  void prefixPatternsMatch() {
    TrustedHosts t = TrustedHosts.parse("web*");
    assertThat(t.isTrusted("web01")).isTrue();
    assertThat(t.isTrusted("web")).isTrue();
    assertThat(t.isTrusted("db01")).isFalse();
  }

  @Test
  void anEntryWithInnerWhitespaceIsRefused() {
    assertThatThrownBy(() -> TrustedHosts.parse("a b,c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a b' contains whitespace");
  }
}
