package org.openrms.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The MessageID is recovered from envelopes that cannot be read as a whole, and only from there.
 */
class RecoverMessageIdTest {
  private static final String HEAD =
      "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
          + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\"><s:Header>";

  private static java.util.Optional<String> recover(String xml) {
    return EnvelopeReader.recoverMessageId(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theMessageIdOfAnEnvelopeBrokenAfterItsHeaderIsRecovered() {
    assertThat(recover(HEAD + "<a:MessageID> uuid:1 </a:MessageID></s:Header><s:Body><x"))
        .contains("uuid:1");
    // Cut in the middle of the header, after the MessageID.
    assertThat(recover(HEAD + "<a:MessageID>uuid:2</a:MessageID><a:Act")).contains("uuid:2");
  }

  @Test
  void aMessageIdInTheBodyOrTooDeepOrBehindADoctypeIsNotRecovered() {
    assertThat(recover(HEAD + "</s:Header><s:Body><a:MessageID>uuid:3</a:MessageID>")).isEmpty();
    assertThat(recover(HEAD + "<x><a:MessageID>uuid:4</a:MessageID></x>")).isEmpty();
    assertThat(
            recover(
                "<!DOCTYPE s:Envelope [<!ENTITY e \"x\">]>"
                    + HEAD
                    + "<a:MessageID>uuid:5</a:MessageID>"))
        .isEmpty();
    assertThat(recover(HEAD + "<a:MessageID>uuid:&e;</a:MessageID>")).isEmpty();
    assertThat(recover(HEAD + "<a:MessageID>" + "x".repeat(300) + "</a:MessageID>")).isEmpty();
    assertThat(recover("not xml")).isEmpty();
  }
}
