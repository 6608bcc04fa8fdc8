package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.SoapCode;
import org.openrms.wsman.WsmanErrorCode;
import org.openrms.wsman.WsmanFault;
import org.openrms.wsman.XmlElement;

/** Dispatch by ResourceURI and Action: the config resource, a plugin, and the faults. */
class DispatchTest {
  static final String THINGS = "http://example.org/wsman/things";
  static final String PING = THINGS + "/Ping";
  static final QName THING = new QName(THINGS, "Thing", "t");

  static final List<ResourceRequest> SEEN = new CopyOnWriteArrayList<>();

  /** A plugin with Get, Invoke (Ping) and failures on demand. */
  static final class Things implements Resource {
    @Override
    public String resourceUri() {
      return THINGS;
    }

    @Override
    public XmlElement get(ResourceRequest request) {
      SEEN.add(request);
      String id = request.selectors().getOrDefault("Id", "");
      switch (id) {
        case "boom":
          throw new IllegalStateException("secret internal detail");
        case "missing":
          throw FaultType.INVALID_SELECTORS.exception("no thing " + id);
        default:
          return XmlElement.builder(THING).child(new QName(THINGS, "Id", "t"), id).build();
      }
    }

    @Override
    public XmlElement invoke(String action, ResourceRequest request) {
      if (!action.equals(PING)) {
        throw Resource.unsupported(request);
      }
      return XmlElement.text(new QName(THINGS, "Pong", "t"), "pong");
    }
  }

  private static WsmanListener listener;

  @BeforeAll
  static void start() {
    listener = TestListeners.start(b -> b.resource(new Things()).maxEnvelopeSize(100_000));
  }

  @AfterAll
  static void stop() {
    listener.close();
  }

  private static RawConnection.Answer post(RawConnection c, Envelope e) throws Exception {
    return c.post(TestListeners.bytes(e), "Authorization", TestListeners.auth());
  }

  @Test
  void getOfTheConfigResourceShowsTheListenerSettings() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      Envelope req = TestListeners.get(Namespaces.CONFIG);
      RawConnection.Answer a = post(c, req);
      assertThat(a.status()).isEqualTo(200);
      Envelope e = TestListeners.parse(a);
      assertThat(e.action()).contains(Actions.GET_RESPONSE);
      assertThat(e.relatesTo()).isEqualTo(req.messageId());
      XmlElement config = e.bodyElement().orElseThrow();
      assertThat(config.name()).isEqualTo(new QName(Namespaces.CONFIG, "Config"));
      assertThat(config.childText(cfg("MaxEnvelopeSizekb"))).contains("97");
      assertThat(config.childText(cfg("MaxTimeoutms"))).contains("60000");
      XmlElement service = config.child(cfg("Service")).orElseThrow();
      assertThat(service.childText(cfg("AllowUnencrypted"))).contains("true");
      assertThat(service.child(cfg("Auth")).orElseThrow().childText(cfg("Basic"))).contains("true");
      assertThat(service.child(cfg("DefaultPorts")).orElseThrow().childText(cfg("HTTP")))
          .contains(Integer.toString(listener.httpPort()));
    }
  }

  private static QName cfg(String local) {
    return new QName(Namespaces.CONFIG, local);
  }

  @Test
  void aPluginGetsTheRequestWithUserAndSelectors() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      Envelope req =
          Envelope.request(TestListeners.TO, THINGS, Actions.GET).selector("Id", "42").build();
      RawConnection.Answer a = post(c, req);
      assertThat(a.status()).isEqualTo(200);
      Envelope e = TestListeners.parse(a);
      assertThat(e.relatesTo()).isEqualTo(req.messageId());
      assertThat(e.bodyElement().orElseThrow().childText(new QName(THINGS, "Id"))).contains("42");
      ResourceRequest seen =
          SEEN.stream()
              .filter(r -> r.envelope().messageId().equals(req.messageId()))
              .findFirst()
              .orElseThrow();
      assertThat(seen.user()).isEqualTo(TestListeners.USER);
      assertThat(seen.resourceUri()).isEqualTo(THINGS);
      assertThat(seen.action()).isEqualTo(Actions.GET);
      assertThat(seen.remoteAddress()).startsWith("127.0.0.1:");
      // No w:MaxEnvelopeSize from the client: the listener's own maximum.
      assertThat(seen.maxEnvelopeSize()).isEqualTo(100_000);
    }
  }

  @Test
  void aResponseLargerThanTheClientsMaxEnvelopeSizeIsAnEncodingLimitFault() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      String longId = "x".repeat(9000);
      Envelope req =
          Envelope.request(TestListeners.TO, THINGS, Actions.GET)
              .maxEnvelopeSize(8192, true)
              .selector("Id", longId)
              .build();
      RawConnection.Answer a = post(c, req);
      assertThat(a.status()).isEqualTo(500);
      assertThat(a.body().length).isLessThanOrEqualTo(8192);
      WsmanFault f = TestListeners.fault(a);
      assertThat(f.wsmanCode()).isEqualTo(WsmanErrorCode.MAX_ENVELOPE_SIZE_EXCEEDED.value());
      assertThat(f.faultDetail()).isEqualTo(WsmanFault.DETAIL_MAX_ENVELOPE_SIZE_EXCEEDED);
      assertThat(TestListeners.parse(a).relatesTo()).isEqualTo(req.messageId());
      // the same answer fits a larger limit, on the same connection
      Envelope bigger =
          Envelope.request(TestListeners.TO, THINGS, Actions.GET)
              .maxEnvelopeSize(50_000, true)
              .selector("Id", longId)
              .build();
      assertThat(post(c, bigger).status()).isEqualTo(200);
    }
  }

  @Test
  void theResponseLimitIsTheClientsMaxEnvelopeSizeCappedAtTheListeners() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      for (long[] pair : new long[][] {{153_600, 100_000}, {8192, 8192}, {50_000, 50_000}}) {
        Envelope req =
            Envelope.request(TestListeners.TO, THINGS, Actions.GET)
                .maxEnvelopeSize(pair[0], true)
                .build();
        assertThat(post(c, req).status()).isEqualTo(200);
        assertThat(
                SEEN.stream()
                    .filter(r -> r.envelope().messageId().equals(req.messageId()))
                    .findFirst()
                    .orElseThrow()
                    .maxEnvelopeSize())
            .isEqualTo((int) pair[1]);
      }
    }
  }

  @Test
  void aMaxEnvelopeSizeBelow8192IsAnEncodingLimitFault() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      Envelope req =
          Envelope.request(TestListeners.TO, THINGS, Actions.GET)
              .maxEnvelopeSize(8191, true)
              .build();
      RawConnection.Answer a = post(c, req);
      assertThat(a.status()).isEqualTo(500);
      WsmanFault f = TestListeners.fault(a);
      assertThat(f.type()).isEqualTo(FaultType.ENCODING_LIMIT);
      assertThat(f.wsmanCode()).isEqualTo(WsmanErrorCode.MAX_ENVELOPE_SIZE.value());
      assertThat(f.faultDetail()).isEqualTo(WsmanFault.DETAIL_MAX_ENVELOPE_SIZE);
      assertThat(TestListeners.parse(a).relatesTo()).isEqualTo(req.messageId());
    }
  }

  @Test
  void pywinrmsExactCreateBytesParseAndGetRelatesToEchoed() throws Exception {
    byte[] body;
    try (var in = DispatchTest.class.getResourceAsStream("/pywinrm-create.xml")) {
      body = in.readAllBytes();
    }
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer a =
          c.post(
              body,
              "Authorization",
              TestListeners.auth(),
              "User-Agent",
              "Python WinRM client",
              "Accept-Encoding",
              "gzip, deflate",
              "Accept",
              "*/*",
              "Connection",
              "keep-alive");
      // The built-in shell answers pywinrm's Create with the ShellId pywinrm looks for.
      assertThat(a.status()).as(a.text()).isEqualTo(200);
      Envelope e = TestListeners.parse(a);
      assertThat(e.relatesTo()).contains("uuid:0a1b2c3d-0000-4000-8000-000000000001");
      String shellId = org.openrms.wsman.Shells.shellId(e).orElseThrow();
      assertThat(listener.openShells()).isEqualTo(1);
      Envelope delete =
          Envelope.request(TestListeners.TO, Namespaces.RESOURCE_CMD_SHELL, Actions.DELETE)
              .selector("ShellId", shellId)
              .build();
      assertThat(post(c, delete).status()).isEqualTo(200);
      assertThat(listener.openShells()).isZero();
    }
  }

  @Test
  void aCustomActionIsInvokedAndAnsweredWithItsResponseAction() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer a = post(c, TestListeners.request(THINGS, PING));
      assertThat(a.status()).isEqualTo(200);
      Envelope e = TestListeners.parse(a);
      assertThat(e.action()).contains(PING + "Response");
      assertThat(e.bodyElement().orElseThrow().text()).isEqualTo("pong");
    }
  }

  @Test
  void anUnknownResourceIsDestinationUnreachableWithRelatesTo() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      Envelope req = TestListeners.get("http://example.org/nothing");
      RawConnection.Answer a = post(c, req);
      assertThat(a.status()).isEqualTo(500);
      assertThat(a.header("content-type")).isEqualTo("application/soap+xml;charset=UTF-8");
      Envelope e = TestListeners.parse(a);
      assertThat(e.relatesTo()).isEqualTo(req.messageId());
      assertThat(e.action()).contains(Actions.ADDRESSING_FAULT);
      WsmanFault f = e.fault().orElseThrow();
      assertThat(f.type()).isEqualTo(FaultType.DESTINATION_UNREACHABLE);
      assertThat(f.code()).isEqualTo(SoapCode.SENDER);
      assertThat(f.wsmanCode()).isEqualTo(WsmanErrorCode.RESOURCE_NOT_FOUND.value());
      assertThat(f.machine()).isNotBlank();
      assertThat(f.message()).contains("http://example.org/nothing");
      // The next request on the same connection works.
      assertThat(post(c, TestListeners.get(Namespaces.CONFIG)).status()).isEqualTo(200);
    }
  }

  @Test
  void anUnknownActionIsActionNotSupportedWithRelatesTo() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      for (Envelope req :
          List.of(
              TestListeners.request(Namespaces.CONFIG, Actions.PUT),
              TestListeners.request(Namespaces.CONFIG, Actions.ENUMERATE),
              TestListeners.request(THINGS, Actions.DELETE),
              TestListeners.request(THINGS, THINGS + "/Explode"))) {
        RawConnection.Answer a = post(c, req);
        assertThat(a.status()).isEqualTo(500);
        Envelope e = TestListeners.parse(a);
        assertThat(e.relatesTo()).isEqualTo(req.messageId());
        WsmanFault f = e.fault().orElseThrow();
        assertThat(f.type()).isEqualTo(FaultType.ACTION_NOT_SUPPORTED);
        assertThat(f.wsmanCode()).isEqualTo(WsmanErrorCode.INVALID_ACTIONURI.value());
      }
      assertThat(post(c, TestListeners.get(Namespaces.CONFIG)).status()).isEqualTo(200);
    }
  }

  @Test
  void aMissingResourceUriIsDestinationUnreachableWithTheInvalidUriCode() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      Envelope req =
          Envelope.builder().to(TestListeners.TO).randomMessageId().action(Actions.GET).build();
      RawConnection.Answer a = post(c, req);
      WsmanFault f = TestListeners.fault(a);
      assertThat(f.type()).isEqualTo(FaultType.DESTINATION_UNREACHABLE);
      assertThat(f.wsmanCode()).isEqualTo(WsmanErrorCode.INVALID_URI.value());
      assertThat(TestListeners.parse(a).relatesTo()).isEqualTo(req.messageId());
    }
  }

  @Test
  void aTypedFaultFromAPluginGoesOnTheWire() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      Envelope req =
          Envelope.request(TestListeners.TO, THINGS, Actions.GET).selector("Id", "missing").build();
      RawConnection.Answer a = post(c, req);
      assertThat(a.status()).isEqualTo(500);
      WsmanFault f = TestListeners.fault(a);
      assertThat(f.type()).isEqualTo(FaultType.INVALID_SELECTORS);
      assertThat(f.wsmanCode()).isEqualTo(2150858843L);
      assertThat(TestListeners.parse(a).relatesTo()).isEqualTo(req.messageId());
    }
  }

  @Test
  void aPluginCrashIsAnInternalErrorWithoutItsDetails() throws Exception {
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      Envelope req =
          Envelope.request(TestListeners.TO, THINGS, Actions.GET).selector("Id", "boom").build();
      RawConnection.Answer a = post(c, req);
      assertThat(a.status()).isEqualTo(500);
      WsmanFault f = TestListeners.fault(a);
      assertThat(f.type()).isEqualTo(FaultType.INTERNAL_ERROR);
      assertThat(f.code()).isEqualTo(SoapCode.RECEIVER);
      assertThat(a.text()).doesNotContain("secret internal detail");
      assertThat(TestListeners.parse(a).relatesTo()).isEqualTo(req.messageId());
      assertThat(post(c, TestListeners.get(Namespaces.CONFIG)).status()).isEqualTo(200);
    }
  }
}
