package org.openrms.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

class EnumerationTest {
  private static final QName THING = new QName("urn:t", "Thing", "t");

  /** Through the wire format and back, as a peer reads it. */
  private static XmlElement wire(XmlElement body) {
    Envelope e = Envelope.builder().body(body).build();
    byte[] bytes = new EnvelopeWriter(StandardCharsets.UTF_8).toBytes(e);
    return new EnvelopeReader(EnvelopeReader.Limits.DEFAULT, false)
        .read(bytes)
        .bodyElement()
        .orElseThrow();
  }

  @Test
  void enumerateCarriesFilterModeOptimizationAndMaxElementsInOrder() {
    XmlElement e =
        wire(
            Enumeration.enumerate(
                Enumeration.filter(Namespaces.DIALECT_WQL, "select * from x"),
                Enumeration.MODE_EPR,
                7));
    assertThat(e.name()).isEqualTo(Enumeration.ENUMERATE);
    assertThat(e.children().stream().map(XmlElement::name))
        .containsExactly(
            Enumeration.W_FILTER,
            Enumeration.W_ENUMERATION_MODE,
            Enumeration.W_OPTIMIZE_ENUMERATION,
            Enumeration.W_MAX_ELEMENTS);
    assertThat(e.child(Enumeration.W_FILTER).orElseThrow().attribute("Dialect"))
        .contains(Namespaces.DIALECT_WQL);
    assertThat(e.childText(Enumeration.W_MAX_ELEMENTS)).contains("7");
    XmlElement plain = Enumeration.enumerate(null, null, 1);
    assertThat(plain.child(Enumeration.W_FILTER)).isEmpty();
    assertThat(plain.child(Enumeration.W_ENUMERATION_MODE)).isEmpty();
  }

  @Test
  void pullAndReleaseNameTheirContext() {
    XmlElement pull = wire(Enumeration.pull("uuid:c", 5));
    assertThat(pull.name()).isEqualTo(Enumeration.PULL);
    assertThat(Enumeration.context(pull)).contains("uuid:c");
    assertThat(pull.childText(Enumeration.N_MAX_ELEMENTS)).contains("5");
    XmlElement release = wire(Enumeration.release("uuid:c"));
    assertThat(release.name()).isEqualTo(Enumeration.RELEASE);
    assertThat(Enumeration.context(release)).contains("uuid:c");
  }

  @Test
  void responsesReadBackAsBatches() {
    XmlElement a = XmlElement.text(THING, "a");
    XmlElement b = XmlElement.text(THING, "b");
    Enumeration.Batch first =
        Enumeration.batch(wire(Enumeration.enumerateResponse("uuid:c", List.of(a), false)));
    assertThat(first.context()).isEqualTo("uuid:c");
    assertThat(first.items()).extracting(XmlElement::text).containsExactly("a");
    assertThat(first.end()).isFalse();

    Enumeration.Batch last =
        Enumeration.batch(wire(Enumeration.pullResponse(null, List.of(b), true)));
    assertThat(last.context()).isNull();
    assertThat(last.items()).extracting(XmlElement::text).containsExactly("b");
    assertThat(last.end()).isTrue();

    Enumeration.Batch all =
        Enumeration.batch(wire(Enumeration.enumerateResponse(null, List.of(a, b), true)));
    assertThat(all.context()).isNull();
    assertThat(all.end()).isTrue();
    assertThat(all.items()).hasSize(2);

    Enumeration.Batch plain =
        Enumeration.batch(wire(Enumeration.enumerateResponse("uuid:d", null, false)));
    assertThat(plain.context()).isEqualTo("uuid:d");
    assertThat(plain.items()).isEmpty();
  }

  @Test
  void somethingElseIsASchemaValidationError() {
    assertThatThrownBy(() -> Enumeration.batch(Enumeration.pull("c", 1)))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class);
  }
}
