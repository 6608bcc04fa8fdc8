package org.openrms.rms.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The real OS identity: what {@code id} says, whatever {@code user.name} claims. */
class LocalUserTest {
  private static String id(String option) throws Exception {
    Process p = new ProcessBuilder("id", option).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return out;
  }

  @Test
  void isTheUidAndNameOfTheProcessNotTheUserNameProperty() throws Exception {
    assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "Linux only");
    String claimed = System.getProperty("user.name");
    System.setProperty("user.name", "somebody-else");
    try {
      LocalUser me = LocalUser.current();
      assertThat(me.source()).isEqualTo("unix");
      assertThat(me.name()).isEqualTo(id("-un"));
      assertThat(me.key()).isEqualTo(id("-un") + "-uid" + id("-u"));
      assertThat(MachineBinding.localUser()).isEqualTo(me.key());
    } finally {
      System.setProperty("user.name", claimed);
    }
  }
}
