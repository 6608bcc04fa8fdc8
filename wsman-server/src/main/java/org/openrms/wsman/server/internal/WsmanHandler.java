package org.openrms.wsman.server.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.openrms.auth.BasicCredentials;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.EnvelopeReader;
import org.openrms.wsman.EnvelopeWriter;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.WsmanErrorCode;
import org.openrms.wsman.WsmanFault;
import org.openrms.wsman.WsmanFaultException;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.server.Resource;
import org.openrms.wsman.server.ResourceRequest;
import org.openrms.wsman.server.WsmanListenerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /wsman} on Jetty's core handler API. Order of work, for every request:
 *
 * <ol>
 *   <li>read the whole body (capped), so the connection survives every answer, 401 included;
 *   <li>404 for another path, 405 (with {@code Allow: POST}) for another method;
 *   <li>authenticate, unless {@code WSMANIDENTIFY: unauthenticated} is present: Basic over plain
 *       HTTP without {@code allowUnencrypted} is 401 <em>without</em> a Basic challenge (no
 *       mechanism the client could use is on offer; the password is not checked); missing or wrong
 *       credentials are 401 with {@code WWW-Authenticate: Basic realm="WSMAN"};
 *   <li>an over-size body is a {@code w:EncodingLimit} fault (WSManFault 2150858790);
 *   <li>parse; Identify is answered (the unauthenticated shape without credentials); anything else
 *       unauthenticated is 401; otherwise dispatch by ResourceURI and Action.
 * </ol>
 *
 * Every fault is HTTP 500 with a SOAP 1.2 fault whose RelatesTo echoes the request MessageID when
 * the envelope could be parsed.
 */
public final class WsmanHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(WsmanHandler.class);

  /** The path served. */
  public static final String PATH = "/wsman";

  /** The challenge of a 401 where Basic is on offer. */
  public static final String BASIC_CHALLENGE = "Basic realm=\"WSMAN\"";

  /** The content type of every SOAP answer. */
  public static final String SOAP_CONTENT_TYPE = "application/soap+xml;charset=UTF-8";

  /** The ProductVersion of an unauthenticated Identify (the version is withheld, as Windows). */
  public static final String ANONYMOUS_PRODUCT_VERSION = "OS: 0.0.0 SP: 0.0 Stack: 3.0";

  private static final Envelope NO_REQUEST = Envelope.builder().build();
  private static final EnvelopeWriter WRITER = new EnvelopeWriter();

  private final WsmanListenerConfig config;
  private final Map<String, Resource> resources;
  private final EnvelopeReader reader;
  private final String machine;

  /** A handler for {@code config}, with the built-in {@code config} resource. */
  public WsmanHandler(WsmanListenerConfig config, Resource configResource) {
    this.config = config;
    Map<String, Resource> all = new LinkedHashMap<>(config.resources());
    all.put(configResource.resourceUri(), configResource);
    this.resources = Map.copyOf(all);
    EnvelopeReader.Limits d = EnvelopeReader.Limits.DEFAULT;
    this.reader =
        new EnvelopeReader(
            new EnvelopeReader.Limits(
                config.maxEnvelopeSize(), d.maxDepth(), d.maxElements(), d.maxAttributes()),
            true);
    this.machine = localHostName();
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      return "localhost";
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    RequestBody body;
    try {
      body = RequestBody.read(request, config.maxEnvelopeSize());
    } catch (IOException e) {
      callback.failed(e);
      return true;
    }
    Answer answer;
    try {
      answer = answer(request, body);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      LOG.error("WS-Management request failed unexpectedly", e);
      answer = fault(FaultType.INTERNAL_ERROR.exception("internal error"), NO_REQUEST);
    }
    if (!body.drained()) {
      answer.headers.put("Connection", "close");
    }
    send(response, answer, callback);
    return true;
  }

  private Answer answer(Request request, RequestBody body) {
    String path = request.getHttpURI().getCanonicalPath();
    if (path == null || !(path.equals(PATH) || path.equals(PATH + "/"))) {
      return new Answer(404, null, new byte[0]);
    }
    if (!"POST".equals(request.getMethod())) {
      Answer a = new Answer(405, null, new byte[0]);
      a.headers.put("Allow", "POST");
      return a;
    }
    boolean basicOnOffer = request.isSecure() || config.allowUnencrypted();
    boolean anonymousIdentify =
        "unauthenticated".equalsIgnoreCase(request.getHeaders().get("WSMANIDENTIFY"));
    String user = null;
    if (!anonymousIdentify) {
      if (!basicOnOffer) {
        LOG.debug("refused: Basic over plain HTTP without allowUnencrypted");
        return unauthorized(false);
      }
      user = authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
      if (user == null) {
        return unauthorized(true);
      }
    }
    if (body.tooLarge()) {
      return fault(tooLarge(), NO_REQUEST);
    }
    Envelope envelope;
    try {
      envelope = reader.read(body.bytes());
    } catch (WsmanFaultException e) {
      LOG.debug("unparsable envelope: {}", e.getMessage());
      return fault(e, NO_REQUEST);
    }
    if (IdentifyResponse.isRequest(envelope)) {
      return ok(identify(user != null, request.isSecure()).toEnvelope());
    }
    if (user == null) {
      return unauthorized(basicOnOffer);
    }
    try {
      return ok(dispatch(envelope, user, request));
    } catch (WsmanFaultException e) {
      LOG.debug("fault: {}", e.getMessage());
      return fault(e, envelope);
    } catch (RuntimeException e) {
      LOG.warn("resource {} failed", envelope.resourceUri().orElse("-"), e);
      return fault(FaultType.INTERNAL_ERROR.exception("the resource failed"), envelope);
    }
  }

  private String authenticate(String authorization) {
    return BasicCredentials.parse(authorization)
        .map(
            c -> {
              try (c) {
                return config.accounts().verify(c.login(), c.password()) ? c.login() : null;
              }
            })
        .orElse(null);
  }

  private IdentifyResponse identify(boolean authenticated, boolean secure) {
    if (!authenticated) {
      return new IdentifyResponse(
          Namespaces.WSMAN, config.productVendor(), ANONYMOUS_PRODUCT_VERSION, List.of());
    }
    String profile = Namespaces.SECPROFILE_PREFIX + (secure ? "https" : "http") + "/basic";
    return new IdentifyResponse(
        Namespaces.WSMAN, config.productVendor(), config.productVersion(), List.of(profile));
  }

  private Envelope dispatch(Envelope envelope, String user, Request request) {
    String uri = envelope.resourceUri().orElse("");
    if (uri.isEmpty()) {
      throw WsmanFaultException.of(
          FaultType.DESTINATION_UNREACHABLE
              .fault("The request has no w:ResourceURI.")
              .withWsmanCode(WsmanErrorCode.INVALID_URI.value()));
    }
    Resource resource = resources.get(uri);
    if (resource == null) {
      throw FaultType.DESTINATION_UNREACHABLE.exception("No resource is registered at " + uri);
    }
    String action = envelope.action().orElseThrow();
    ResourceRequest rr =
        new ResourceRequest(
            envelope,
            user,
            uri,
            action,
            Request.getRemoteAddr(request) + ":" + port(request),
            responseLimit(envelope));
    XmlElement out;
    String responseAction;
    switch (action) {
      case Actions.GET -> {
        out = resource.get(rr);
        responseAction = Actions.GET_RESPONSE;
      }
      case Actions.PUT -> {
        out = resource.put(rr);
        responseAction = Actions.PUT_RESPONSE;
      }
      case Actions.CREATE -> {
        out = resource.create(rr);
        responseAction = Actions.CREATE_RESPONSE;
      }
      case Actions.DELETE -> {
        out = resource.delete(rr);
        responseAction = Actions.DELETE_RESPONSE;
      }
      case Actions.ENUMERATE -> {
        out = resource.enumerate(rr);
        responseAction = Actions.ENUMERATE_RESPONSE;
      }
      case Actions.PULL -> {
        out = resource.pull(rr);
        responseAction = Actions.PULL_RESPONSE;
      }
      case Actions.RELEASE -> {
        out = resource.release(rr);
        responseAction = Actions.RELEASE_RESPONSE;
      }
      default -> {
        out = resource.invoke(action, rr);
        responseAction = action + "Response";
      }
    }
    var b = Envelope.responseTo(envelope, responseAction);
    if (out != null) {
      b.body(out);
    }
    return b.build();
  }

  /**
   * The client's MaxEnvelopeSize capped at ours (ours when it sent none); below 8192 it is an
   * EncodingLimit fault (MS-WSMV 3.1.4.1.7).
   */
  private int responseLimit(Envelope envelope) {
    long client = envelope.maxEnvelopeSize().orElse(config.maxEnvelopeSize());
    if (client < WsmanListenerConfig.MIN_MAX_ENVELOPE_SIZE) {
      throw WsmanFaultException.of(
          FaultType.ENCODING_LIMIT
              .fault(
                  "The MaxEnvelopeSize "
                      + client
                      + " is below "
                      + WsmanListenerConfig.MIN_MAX_ENVELOPE_SIZE
                      + " bytes.")
              .withWsmanCode(WsmanErrorCode.MAX_ENVELOPE_SIZE.value())
              .withFaultDetail(WsmanFault.DETAIL_MAX_ENVELOPE_SIZE));
    }
    return (int) Math.min(client, config.maxEnvelopeSize());
  }

  private static int port(Request request) {
    return Request.getRemotePort(request);
  }

  private WsmanFaultException tooLarge() {
    return WsmanFaultException.of(
        FaultType.ENCODING_LIMIT
            .fault("The envelope is larger than " + config.maxEnvelopeSize() + " bytes.")
            .withWsmanCode(WsmanErrorCode.ENVELOPE_TOO_LARGE.value())
            .withFaultDetail(WsmanFault.DETAIL_MAX_ENVELOPE_SIZE));
  }

  private Answer fault(WsmanFaultException e, Envelope request) {
    WsmanFault f = e.fault();
    if (f.machine() == null) {
      f = f.withMachine(machine);
    }
    return new Answer(500, SOAP_CONTENT_TYPE, WRITER.toBytes(f.toEnvelope(request)));
  }

  private static Answer ok(Envelope envelope) {
    return new Answer(200, SOAP_CONTENT_TYPE, WRITER.toBytes(envelope));
  }

  private static Answer unauthorized(boolean challenge) {
    Answer a = new Answer(401, null, new byte[0]);
    if (challenge) {
      a.headers.put("WWW-Authenticate", BASIC_CHALLENGE);
    }
    return a;
  }

  private static void send(Response response, Answer answer, Callback callback) {
    response.setStatus(answer.status);
    if (answer.contentType != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType);
    }
    answer.headers.forEach((n, v) -> response.getHeaders().put(n, v));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body.length);
    response.write(true, ByteBuffer.wrap(answer.body), callback);
  }

  /** A complete answer; headers may be added before sending. */
  private static final class Answer {
    final int status;
    final String contentType;
    final byte[] body;
    final Map<String, String> headers = new LinkedHashMap<>();

    Answer(int status, String contentType, byte[] body) {
      this.status = status;
      this.contentType = contentType;
      this.body = body;
    }
  }
}
