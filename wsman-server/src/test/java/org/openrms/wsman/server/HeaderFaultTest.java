package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.SoapCode;
import org.openrms.wsman.WsmanFault;
import org.openrms.wsman.XmlElement;

/** mustUnderstand headers, and RelatesTo on faults about envelopes that could not be read. */
class HeaderFaultTest {
  private static final QName UNKNOWN = new QName("urn:example:ext", "Tracing", "t");
  private static WsmanListener listener;

  @BeforeAll
  static void start() {
    listener = TestListeners.start(b -> {});
  }

  @AfterAll
  static void stop() {
    listener.close();
  }

  private static RawConnection.Answer post(RawConnection c, byte[] body) throws Exception {
    return c.post(body, "Authorization", TestListeners.auth());
  }

  private static Envelope withHeader(XmlElement header) {
    return TestListeners.get(Namespaces.CONFIG).toBuilder().header(header).build();
  }

  @Test
  void anUnknownMustUnderstandHeaderIsAMustUnderstandFault() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      for (XmlElement h :
          new XmlElement[] {
            XmlElement.builder(UNKNOWN).attribute(Envelope.MUST_UNDERSTAND, "true").build(),
            XmlElement.builder(UNKNOWN).attribute("mustUnderstand", "true").build(),
            XmlElement.builder(new QName(Namespaces.WSMAN, "FragmentTransfer", "w"))
                .attribute(Envelope.MUST_UNDERSTAND, "1")
                .text("Service")
                .build()
          }) {
        Envelope req = withHeader(h);
        RawConnection.Answer a = post(c, TestListeners.bytes(req));
        assertThat(a.status()).isEqualTo(500);
        Envelope e = TestListeners.parse(a);
        assertThat(e.relatesTo()).isEqualTo(req.messageId());
        WsmanFault f = e.fault().orElseThrow();
        assertThat(f.type()).isEqualTo(FaultType.MUST_UNDERSTAND);
        assertThat(f.code()).isEqualTo(SoapCode.MUST_UNDERSTAND);
        XmlElement nu = e.header(new QName(Namespaces.SOAP, "NotUnderstood")).orElseThrow();
        assertThat(nu.attribute("qname").orElseThrow()).endsWith(":" + h.name().getLocalPart());
      }
      // Not marked, or marked false: ignored.
      assertThat(post(c, TestListeners.bytes(withHeader(XmlElement.of(UNKNOWN)))).status())
          .isEqualTo(200);
      assertThat(
              post(
                      c,
                      TestListeners.bytes(
                          withHeader(
                              XmlElement.builder(UNKNOWN)
                                  .attribute(Envelope.MUST_UNDERSTAND, "false")
                                  .build())))
                  .status())
          .isEqualTo(200);
    }
  }

  @Test
  void faultsAboutUnreadableEnvelopesStillEchoTheMessageId() throws Exception {
    String head =
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
            + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
            + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header>"
            + "<a:MessageID>uuid:11111111-2222-3333-4444-555555555555</a:MessageID>";
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      String[][] cases = {
        {
          head + "<w:ResourceURI>" + Namespaces.CONFIG + "</w:ResourceURI>", "SchemaValidationError"
        },
        {head + "</s:Header><s:Body></s:Body></s:Envelope>", "MessageInformationHeaderRequired"},
        {head + "</s:Header><s:Body><x></y></s:Body></s:Envelope>", "SchemaValidationError"},
      };
      for (String[] k : cases) {
        RawConnection.Answer a = post(c, k[0].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(a.status()).isEqualTo(500);
        Envelope e = TestListeners.parse(a);
        assertThat(e.relatesTo()).contains("uuid:11111111-2222-3333-4444-555555555555");
        assertThat(e.fault().orElseThrow().subcode().getLocalPart()).isEqualTo(k[1]);
      }
    }
  }
}
