package org.openrms.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceCreatedTest {
  @Test
  void survivesTheWireWithSelectorsInOrder() {
    Map<String, String> selectors = new LinkedHashMap<>();
    selectors.put("Name", "spooler");
    selectors.put("Kind", "service");
    ResourceCreated rc =
        new ResourceCreated("http://h:5985/wsman", "http://example.org/thing", selectors);
    Envelope e =
        Envelope.request("http://h:5985/wsman", "http://example.org/thing", Actions.CREATE)
            .body(rc.toElement())
            .build();
    byte[] wire = new EnvelopeWriter().toBytes(e);
    Envelope back = new EnvelopeReader(EnvelopeReader.Limits.DEFAULT, false).read(wire);
    ResourceCreated read = ResourceCreated.from(back.bodyElement().orElseThrow()).orElseThrow();
    assertThat(read).isEqualTo(rc);
    assertThat(read.selectors().keySet()).containsExactly("Name", "Kind");
  }

  @Test
  void anotherElementIsNotAResourceCreated() {
    assertThat(ResourceCreated.from(XmlElement.of(Envelope.ADDRESS))).isEmpty();
    assertThat(ResourceCreated.from(null)).isEmpty();
  }
}
