package org.openrms.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.SAXParseException;

/** DOCTYPEs, external and parameter entities and entity expansion are refused, nothing resolved. */
class XmlHardeningTest {
  private static final String S = "xmlns:s=\"" + Namespaces.SOAP + "\"";
  private static final String A = "xmlns:a=\"" + Namespaces.ADDRESSING + "\"";
  private static final String BODY =
      "<s:Envelope "
          + S
          + " "
          + A
          + "><s:Header><a:Action>urn:x</a:Action><a:MessageID>uuid:1</a:MessageID></s:Header><s:Body><a:X>%s</a:X></s:Body></s:Envelope>";

  static final String DOCTYPE = "<!DOCTYPE s:Envelope>" + String.format(BODY, "plain");
  static final String EXTERNAL =
      "<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
          + String.format(BODY, "&xxe;");
  static final String PARAMETER =
      "<!DOCTYPE s:Envelope [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>"
          + String.format(BODY, "x");
  static final String EXTERNAL_DTD =
      "<!DOCTYPE s:Envelope SYSTEM \"http://127.0.0.1:1/evil.dtd\">" + String.format(BODY, "x");
  static final String LAUGHS;

  static {
    StringBuilder sb = new StringBuilder("<!DOCTYPE s:Envelope [<!ENTITY l0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      sb.append("<!ENTITY l").append(i).append(" \"");
      sb.append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    LAUGHS = sb.append("]>").append(String.format(BODY, "&l9;")).toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"DOCTYPE", "EXTERNAL", "PARAMETER", "EXTERNAL_DTD", "LAUGHS"})
  void envelopeReaderRejects(String which) throws Exception {
    String xml = (String) XmlHardeningTest.class.getDeclaredField(which).get(null);
    assertThatThrownBy(() -> new EnvelopeReader().read(xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class)
        .hasMessageContaining("DOCTYPE is not allowed")
        .hasMessageNotContaining("root:");
  }

  @ParameterizedTest
  @ValueSource(strings = {"DOCTYPE", "EXTERNAL", "PARAMETER", "EXTERNAL_DTD", "LAUGHS"})
  void domFactoryRejects(String which) throws Exception {
    String xml = (String) XmlHardeningTest.class.getDeclaredField(which).get(null);
    var builder = XmlFactories.newDocumentBuilderFactory().newDocumentBuilder();
    builder.setErrorHandler(null);
    assertThatThrownBy(
            () -> builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(SAXParseException.class)
        .hasMessageContaining("DOCTYPE");
  }

  /** An HTTP server counts requests: neither parser may fetch an external DTD or entity. */
  @Test
  void nothingIsFetched() throws Exception {
    java.util.concurrent.atomic.AtomicInteger hits =
        new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          hits.incrementAndGet();
          byte[] dtd = "<!ENTITY leak \"leaked\">".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, dtd.length);
          ex.getResponseBody().write(dtd);
          ex.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      String[] docs = {
        "<!DOCTYPE s:Envelope SYSTEM \"" + base + "/a.dtd\">" + String.format(BODY, "&leak;"),
        "<!DOCTYPE s:Envelope [<!ENTITY e SYSTEM \""
            + base
            + "/e\">]>"
            + String.format(BODY, "&e;"),
        "<!DOCTYPE s:Envelope [<!ENTITY % p SYSTEM \""
            + base
            + "/p\"> %p;]>"
            + String.format(BODY, "&leak;")
      };
      for (String xml : docs) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new EnvelopeReader().read(bytes))
            .isInstanceOf(WsmanFaultException.SchemaValidationError.class)
            .hasMessageNotContaining("leaked");
        var builder = XmlFactories.newDocumentBuilderFactory().newDocumentBuilder();
        builder.setErrorHandler(null);
        assertThatThrownBy(() -> builder.parse(new ByteArrayInputStream(bytes)))
            .isInstanceOf(SAXParseException.class);
      }
      assertThat(hits).hasValue(0);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void inputFactoryIsHardened() {
    var f = XmlFactories.newInputFactory();
    assertThat(f.getProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD))
        .isEqualTo(Boolean.FALSE);
    assertThat(f.getProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES))
        .isEqualTo(Boolean.FALSE);
  }
}
