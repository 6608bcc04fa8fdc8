package org.openrms.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @Test
  void parsesWhatClientsAndWindowsSend() {
    assertThat(Durations.parse("PT60S")).isEqualTo(Duration.ofSeconds(60));
    assertThat(Durations.parse("PT20S")).isEqualTo(Duration.ofSeconds(20));
    assertThat(Durations.parse("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("PT7200.000S")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("P1DT2H")).isEqualTo(Duration.ofHours(26));
    assertThat(Durations.parse("P0DT0H0M0S")).isEqualTo(Duration.ZERO);
    assertThat(Durations.parse("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse(" PT0.000000001S ")).isEqualTo(Duration.ofNanos(1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "P",
        "PT",
        "60",
        "PT60",
        "P1Y",
        "P1M",
        "-PT5S",
        "PT1.5.5S",
        "PTS",
        "P1DT",
        "pt60s",
        "PT99999999999999999999S"
      })
  void rejectsInvalid(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatsAsSeconds() {
    assertThat(Durations.format(Duration.ofSeconds(60))).isEqualTo("PT60S");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("PT1.5S");
    assertThat(Durations.format(Duration.ofHours(26))).isEqualTo("PT93600S");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("PT0S");
    assertThat(Durations.parse(Durations.format(Duration.ofNanos(123456789))))
        .isEqualTo(Duration.ofNanos(123456789));
    assertThatThrownBy(() -> Durations.format(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
