package org.openrms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void demoActivatesMachineAndUserAndVerifiesTheChain() {
    CliTestSupport.Result r = CliTestSupport.run("demo", "--verbose");

    assertThat(r.err()).doesNotContain("error:");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("machine activated: true")
        .contains("user activated: true")
        .contains("S_DRM_CONNECTING")
        .contains("S_DRM_CONNECTED")
        .contains("S_DRM_INPROGRESS")
        .contains("S_DRM_COMPLETED")
        .contains("Rights account certificates: 1")
        .contains("alice@example.com  [WINDOWS_AUTH;STANDARD]")
        .contains("PKIX validation OK: 3 certificates")
        .contains("Identify: OpenRMS")
        .contains(", 1 user(s)")
        .contains("Enumerate User: [alice@example.com, bob@example.com]")
        .contains("Get User bob@example.com: enabled true, e-mail verified true");
    // progress reached 100 before completion
    assertThat(r.out()).contains("after progress reached 100%");
  }
}
