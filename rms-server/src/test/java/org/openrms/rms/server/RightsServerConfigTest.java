package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RightsServerConfigTest {
  @Test
  void defaultsFollowTheProtocol() {
    RightsServerConfig c = RightsServerConfig.builder().dataDirectory(Path.of("d")).build();
    assertThat(c.dataDirectory()).isAbsolute();
    assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isZero();
    assertThat(c.plainHttp()).isFalse();
    assertThat(c.allowBasicOverHttp()).isFalse();
    assertThat(c.publicBaseUri()).isEmpty();
    assertThat(c.racValidity()).isEqualTo(Duration.ofDays(365));
    assertThat(c.temporaryRacValidity()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.machineCertValidity()).isEqualTo(Duration.ofDays(365));
    assertThat(c.certificateValidityTolerance()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.requestClockTolerance()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.decommissioned()).isFalse();
    assertThat(c.movedTo()).isEmpty();
    assertThat(c.passwordHashIterations()).isEqualTo(600_000);
    assertThat(c.maxRequestBytes()).isEqualTo(64 * 1024);
  }

  @Test
  void rejectsInconsistentSettings() {
    assertThatThrownBy(() -> RightsServerConfig.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dataDirectory");
    assertThatThrownBy(
            () ->
                RightsServerConfig.builder()
                    .dataDirectory(Path.of("d"))
                    .decommissioned(true)
                    .movedTo(URI.create("https://x.example/rms/v1"))
                    .build())
        .isInstanceOf(IllegalStateException.class);
    RightsServerConfig.Builder b = RightsServerConfig.builder();
    assertThatThrownBy(() -> b.port(70000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.racValidity(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.movedTo(URI.create("/relative")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.publicBaseUri(URI.create("ftp://x.example/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.passwordHashIterations(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.passwordHashIterations(10_000_001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxRequestBytes(10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void trailingSlashOfBaseUrisIsDropped() {
    RightsServerConfig c =
        RightsServerConfig.builder()
            .dataDirectory(Path.of("d"))
            .movedTo(URI.create("https://new.example/rms/v1/"))
            .build();
    assertThat(c.movedTo()).hasValue(URI.create("https://new.example/rms/v1"));
  }
}
