package org.openrms.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The driver's command line only; nothing is started or timed. */
class WsmanLoadDriverOptionsTest {
  @Test
  void defaultsMeasureEverythingWithEveryClient() {
    WsmanLoadDriver.Options o = WsmanLoadDriver.Options.parse();
    assertThat(o.help()).isFalse();
    assertThat(o.warmupSeconds()).isEqualTo(3);
    assertThat(o.seconds()).isEqualTo(10);
    assertThat(o.bytes()).isEqualTo(104_857_600L);
    assertThat(o.runs()).isEqualTo(2);
    assertThat(o.tests()).containsExactly("identify", "echo", "echo-newshell", "throughput");
    assertThat(o.clients()).containsExactly("openrms", "pywinrm", "winrm4j");
    assertThat(o.python()).isEqualTo(Path.of("/usr/bin/python3"));
    assertThat(o.winrm4jLib()).isNull();
  }

  @Test
  void everyOptionIsRead() {
    WsmanLoadDriver.Options o =
        WsmanLoadDriver.Options.parse(
            "--warmup",
            "0",
            "--seconds",
            "1.5",
            "--bytes",
            "1000",
            "--runs",
            "3",
            "--tests",
            "throughput, Identify",
            "--clients",
            "winrm4j,openrms",
            "--python",
            "/opt/py/bin/python3",
            "--winrm4j-lib",
            "/tmp/w4j");
    assertThat(o.warmupSeconds()).isZero();
    assertThat(o.seconds()).isEqualTo(1.5);
    assertThat(o.bytes()).isEqualTo(1000);
    assertThat(o.runs()).isEqualTo(3);
    assertThat(o.tests()).as("canonical order").containsExactly("identify", "throughput");
    assertThat(o.clients()).containsExactly("openrms", "winrm4j");
    assertThat(o.python()).isEqualTo(Path.of("/opt/py/bin/python3"));
    assertThat(o.winrm4jLib()).isEqualTo(Path.of("/tmp/w4j"));
  }

  @Test
  void helpIsRecognised() {
    assertThat(WsmanLoadDriver.Options.parse("--help").help()).isTrue();
    assertThat(WsmanLoadDriver.Options.parse("-h").help()).isTrue();
    assertThat(WsmanLoadDriver.USAGE).contains("--seconds", "--clients", "--winrm4j-lib");
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> WsmanLoadDriver.Options.parse("--bogus"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--bogus");
    assertThatThrownBy(() -> WsmanLoadDriver.Options.parse("--seconds"))
        .hasMessageContaining("--seconds needs a value");
    assertThatThrownBy(() -> WsmanLoadDriver.Options.parse("--seconds", "0"))
        .hasMessageContaining("more than 0");
    assertThatThrownBy(() -> WsmanLoadDriver.Options.parse("--warmup", "-1"))
        .hasMessageContaining("0 or more");
    assertThatThrownBy(() -> WsmanLoadDriver.Options.parse("--runs", "many"))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> WsmanLoadDriver.Options.parse("--clients", "openrms,curl"))
        .hasMessageContaining("unknown 'curl'");
    assertThatThrownBy(() -> WsmanLoadDriver.Options.parse("--tests", "echo,,identify"))
        .hasMessageContaining("unknown ''");
  }
}
