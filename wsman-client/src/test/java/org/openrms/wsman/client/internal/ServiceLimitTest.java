package org.openrms.wsman.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.XmlElement;

class ServiceLimitTest {
  private static Envelope config(String kb) {
    return Envelope.builder()
        .body(
            XmlElement.builder(new QName(Namespaces.CONFIG, "Config", "cfg"))
                .child(new QName(Namespaces.CONFIG, "MaxEnvelopeSizekb", "cfg"), kb)
                .build())
        .build();
  }

  @Test
  void theKilobytesOfTheConfigBecomeTheSendLimitOnce() {
    Exchange exchange =
        new Exchange("http://h/wsman", StandardCharsets.UTF_8, () -> null, null, 153600, 1 << 20);
    ServiceLimit limit = new ServiceLimit(exchange);
    AtomicInteger gets = new AtomicInteger();
    assertThat(limit.get(() -> config(" 500 ").toBuilder().build())).isEqualTo(512_000);
    assertThat(
            limit.get(
                () -> {
                  gets.incrementAndGet();
                  return config("1");
                }))
        .isEqualTo(512_000);
    assertThat(gets).hasValue(0);
  }

  @Test
  void anUnreadableConfigKeepsTheAnnouncedLimit() {
    Exchange exchange =
        new Exchange("http://h/wsman", StandardCharsets.UTF_8, () -> null, null, 153600, 1 << 20);
    assertThat(
            new ServiceLimit(exchange)
                .get(
                    () -> {
                      throw new IllegalStateException("access denied");
                    }))
        .isEqualTo(153600);
  }

  @Test
  void implausibleValuesAreIgnored() {
    assertThat(ServiceLimit.parse(config("7"))).isEmpty();
    assertThat(ServiceLimit.parse(config("lots"))).isEmpty();
    assertThat(ServiceLimit.parse(config("9223372036854775807"))).isEmpty();
    assertThat(ServiceLimit.parse(Envelope.builder().build())).isEmpty();
    assertThat(ServiceLimit.parse(config("8"))).hasValue(8192);
  }
}
