package org.openrms.interop;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import org.junit.jupiter.api.Test;

/**
 * winrm4j's dependencies stay out of the JVM that runs the listener: it parses and writes with the
 * JDK's StAX, as in production, not with the Woodstox that CXF brings.
 */
class IsolationTest {
  @Test
  void theListenerJvmUsesTheJdkStax() {
    assertThat(XMLInputFactory.newFactory().getClass().getName())
        .startsWith("com.sun.xml.internal");
    assertThat(XMLOutputFactory.newFactory().getClass().getName())
        .startsWith("com.sun.xml.internal");
  }

  @Test
  void noCxfOnTheListenerClasspath() {
    assertThat(getClass().getClassLoader().getResource("com/ctc/wstx/stax/WstxInputFactory.class"))
        .isNull();
  }
}
