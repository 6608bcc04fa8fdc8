package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.WsmanErrorCode;
import org.openrms.wsman.WsmanFault;
import org.openrms.wsman.XmlElement;

/**
 * Malformed XML, DTDs, external entities, entity expansion, over-size envelopes and wrong methods:
 * each gets its fault (or HTTP status) and the same connection keeps working.
 */
class HostileInputTest {
  private static final String ENV =
      "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
          + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
          + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\">";

  private static WsmanListener listener;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    listener = TestListeners.start(b -> {});
  }

  @AfterAll
  static void stop() {
    listener.close();
  }

  @org.junit.jupiter.api.AfterEach
  void noShellOrProcessLeft() {
    assertThat(listener.openShells()).isZero();
    assertThat(ShellClient.children()).isEmpty();
  }

  private static RawConnection.Answer post(RawConnection c, String body) throws Exception {
    return c.post(body, "Authorization", TestListeners.auth());
  }

  /** The connection still answers a normal Get. */
  private static void stillServes(RawConnection c) throws Exception {
    RawConnection.Answer a =
        c.post(
            TestListeners.bytes(TestListeners.get(Namespaces.CONFIG)),
            "Authorization",
            TestListeners.auth());
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.text()).contains("MaxEnvelopeSizekb");
  }

  private static String getWithMessageId(String messageId) {
    return ENV
        + "<s:Header><a:Action>http://schemas.xmlsoap.org/ws/2004/09/transfer/Get</a:Action>"
        + "<w:ResourceURI>"
        + Namespaces.CONFIG
        + "</w:ResourceURI><a:MessageID>"
        + messageId
        + "</a:MessageID></s:Header><s:Body></s:Body></s:Envelope>";
  }

  @Test
  void malformedXmlIsASchemaValidationErrorAndTheConnectionLives() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      for (String body :
          new String[] {
            "<s:Envelope", "not xml at all", "", ENV + "<s:Header></s:Body></s:Envelope>"
          }) {
        RawConnection.Answer a = post(c, body);
        assertThat(a.status()).as(body).isEqualTo(500);
        WsmanFault f = TestListeners.fault(a);
        assertThat(f.type()).isEqualTo(FaultType.SCHEMA_VALIDATION_ERROR);
        assertThat(f.wsmanCode()).isEqualTo(WsmanErrorCode.SCHEMA_VALIDATION_ERROR.value());
        assertThat(TestListeners.parse(a).relatesTo()).isEmpty();
      }
      stillServes(c);
    }
  }

  @Test
  void aSoap11EnvelopeIsAVersionMismatch() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer a =
          post(
              c,
              "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                  + "<e:Body></e:Body></e:Envelope>");
      assertThat(a.status()).isEqualTo(500);
      assertThat(TestListeners.fault(a).type()).isEqualTo(FaultType.VERSION_MISMATCH);
      stillServes(c);
    }
  }

  @Test
  void aMissingActionIsAHeaderFault() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      String body =
          ENV
              + "<s:Header><a:MessageID>uuid:1</a:MessageID><w:ResourceURI>"
              + Namespaces.CONFIG
              + "</w:ResourceURI></s:Header><s:Body></s:Body></s:Envelope>";
      RawConnection.Answer a = post(c, body);
      assertThat(a.status()).isEqualTo(500);
      assertThat(TestListeners.fault(a).type())
          .isEqualTo(FaultType.MESSAGE_INFORMATION_HEADER_REQUIRED);
      stillServes(c);
    }
  }

  @Test
  void anExternalEntityIsRefusedAndTheFileIsNeverRead() throws Exception {
    String marker = "XXE-" + UUID.randomUUID();
    Path secret = Files.writeString(dir.resolve("secret.txt"), marker);
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      String[] bodies = {
        "<!DOCTYPE s:Envelope [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]>"
            + getWithMessageId("&x;"),
        "<!DOCTYPE s:Envelope SYSTEM \"" + secret.toUri() + "\">" + getWithMessageId("uuid:2"),
        "<!DOCTYPE s:Envelope [<!ENTITY % p SYSTEM \""
            + secret.toUri()
            + "\"> %p;]>"
            + getWithMessageId("uuid:3"),
      };
      for (String body : bodies) {
        RawConnection.Answer a = post(c, body);
        assertThat(a.status()).isEqualTo(500);
        assertThat(a.text()).doesNotContain(marker);
        assertThat(TestListeners.fault(a).type()).isEqualTo(FaultType.SCHEMA_VALIDATION_ERROR);
      }
      stillServes(c);
    }
  }

  @Test
  void noExternalDtdOrEntityIsFetchedOverHttp() throws Exception {
    AtomicInteger fetches = new AtomicInteger();
    HttpServer counter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    counter.createContext(
        "/",
        exchange -> {
          fetches.incrementAndGet();
          byte[] b = "<!ENTITY y \"fetched\">".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, b.length);
          exchange.getResponseBody().write(b);
          exchange.close();
        });
    counter.start();
    String url = "http://127.0.0.1:" + counter.getAddress().getPort() + "/x.dtd";
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      String[] bodies = {
        "<!DOCTYPE s:Envelope SYSTEM \"" + url + "\">" + getWithMessageId("uuid:4"),
        "<!DOCTYPE s:Envelope [<!ENTITY x SYSTEM \"" + url + "\">]>" + getWithMessageId("&x;"),
        "<!DOCTYPE s:Envelope [<!ENTITY % p SYSTEM \""
            + url
            + "\"> %p;]>"
            + getWithMessageId("&y;"),
      };
      for (String body : bodies) {
        RawConnection.Answer a = post(c, body);
        assertThat(a.status()).isEqualTo(500);
        assertThat(a.text()).doesNotContain("fetched");
        assertThat(TestListeners.fault(a).type()).isEqualTo(FaultType.SCHEMA_VALIDATION_ERROR);
      }
      stillServes(c);
    } finally {
      counter.stop(0);
    }
    assertThat(fetches.get()).isZero();
  }

  @Test
  void aBodyTooLargeToDrainIsRefusedAndTheConnectionClosed() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer a =
          c.sendHead(
              "POST /wsman HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\nAuthorization: "
                  + TestListeners.auth()
                  + "\r\n\r\n");
      assertThat(a.status()).isEqualTo(500);
      assertThat(TestListeners.fault(a).type()).isEqualTo(FaultType.ENCODING_LIMIT);
      assertThat(a.header("connection")).isEqualTo("close");
      assertThat(c.closedByServer()).isTrue();
    }
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      stillServes(c);
    }
  }

  @Test
  void billionLaughsIsRefusedQuickly() throws Exception {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE s:Envelope [<!ENTITY l0 \"ha\">");
    for (int i = 1; i <= 10; i++) {
      dtd.append("<!ENTITY l").append(i).append(" \"");
      dtd.append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      long t0 = System.nanoTime();
      RawConnection.Answer a = post(c, dtd + getWithMessageId("&l10;"));
      assertThat(a.status()).isEqualTo(500);
      assertThat(TestListeners.fault(a).type()).isEqualTo(FaultType.SCHEMA_VALIDATION_ERROR);
      assertThat(a.body().length).isLessThan(10_000);
      assertThat(System.nanoTime() - t0).isLessThan(10_000_000_000L);
      stillServes(c);
    }
  }

  @Test
  void anEnvelopeOverTheMaximumIsAnEncodingLimitFaultAndTheConnectionLives() throws Exception {
    String padding = "x".repeat(WsmanListenerConfig.DEFAULT_MAX_ENVELOPE_SIZE);
    Envelope big =
        Envelope.request(TestListeners.TO, Namespaces.CONFIG, org.openrms.wsman.Actions.PUT)
            .body(XmlElement.text(new javax.xml.namespace.QName(Namespaces.CONFIG, "Pad"), padding))
            .build();
    byte[] bytes = TestListeners.bytes(big);
    assertThat(bytes.length).isGreaterThan(WsmanListenerConfig.DEFAULT_MAX_ENVELOPE_SIZE);
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer a = c.post(bytes, "Authorization", TestListeners.auth());
      assertThat(a.status()).isEqualTo(500);
      WsmanFault f = TestListeners.fault(a);
      assertThat(f.type()).isEqualTo(FaultType.ENCODING_LIMIT);
      assertThat(f.wsmanCode()).isEqualTo(WsmanErrorCode.ENVELOPE_TOO_LARGE.value());
      assertThat(f.wsmanCode()).isEqualTo(2150858790L);
      // The MessageID is recovered from the head of the over-size envelope.
      assertThat(TestListeners.parse(a).relatesTo()).isEqualTo(big.messageId());
      assertThat(a.header("connection")).isNull();
      stillServes(c);
    }
  }

  @Test
  void anOverSizeBodyFromAStrangerStillGets401First() throws Exception {
    byte[] bytes = new byte[WsmanListenerConfig.DEFAULT_MAX_ENVELOPE_SIZE + 10];
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      assertThat(c.post(bytes).status()).isEqualTo(401);
      stillServes(c);
    }
  }

  @Test
  void getIs405AndOtherPathsAre404AndTheConnectionLives() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer get =
          c.send("GET", "/wsman", new byte[0], "Authorization", TestListeners.auth());
      assertThat(get.status()).isEqualTo(405);
      assertThat(get.header("allow")).isEqualTo("POST");
      RawConnection.Answer put =
          c.send("PUT", "/wsman", TestListeners.identify(), "Authorization", TestListeners.auth());
      assertThat(put.status()).isEqualTo(405);
      RawConnection.Answer other =
          c.send("POST", "/other", TestListeners.identify(), "Authorization", TestListeners.auth());
      assertThat(other.status()).isEqualTo(404);
      stillServes(c);
    }
  }

  @Test
  void aUtf16EnvelopeIsUnderstood() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      byte[] body =
          ("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + getWithMessageId("uuid:utf16"))
              .getBytes(StandardCharsets.UTF_16);
      RawConnection.Answer a = c.post(body, "Authorization", TestListeners.auth());
      assertThat(a.status()).isEqualTo(200);
      assertThat(TestListeners.parse(a).relatesTo()).contains("uuid:utf16");
    }
  }
}
