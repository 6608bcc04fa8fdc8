package org.openrms.wsman.server.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.EnvelopeReader;
import org.openrms.wsman.EnvelopeWriter;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.IdentifyResponse;
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
 *   <li>a {@code Negotiate} or {@code Kerberos} handshake round, or a message on a connection they
 *       authenticated, is handled by {@link ConnectionAuth} (401 rounds, unsealing, 400 for a clear
 *       body over plain HTTP; the answer is sealed like the request);
 *   <li>otherwise authenticate ({@link Authenticator}), unless {@code WSMANIDENTIFY:
 *       unauthenticated} is present: Basic over plain HTTP without {@code allowUnencrypted} is 401
 *       <em>without</em> a Basic challenge (the password is not checked); missing or wrong
 *       credentials are 401 with a {@code WWW-Authenticate} header per scheme on offer ({@code
 *       Negotiate}, {@code Kerberos}, {@code Basic realm="WSMAN"}); a client certificate from an
 *       untrusted CA is 401, an unmapped one 403; 503 with {@code Retry-After: 1} when every
 *       password-check slot stays busy (see {@link
 *       WsmanListenerConfig.Builder#maxConcurrentPasswordChecks});
 *   <li>an over-size body is a {@code w:EncodingLimit} fault (WSManFault 2150858790);
 *   <li>parse; Identify is answered (the unauthenticated shape without credentials); anything else
 *       unauthenticated is 401; a header marked mustUnderstand that the listener does not know is
 *       an {@code s:MustUnderstand} fault ({@link HeaderCheck}); otherwise dispatch by ResourceURI
 *       and Action.
 * </ol>
 *
 * Every fault is HTTP 500 with a SOAP 1.2 fault whose RelatesTo echoes the request MessageID,
 * recovered from the raw bytes when the envelope could not be read as a whole. Resources run on the
 * Jetty worker thread of the request, so a long-polled Receive blocks a worker (not a selector)
 * until it answers.
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

  /** Room for the MS-WSMV 2.2.9.1 frame around an envelope of the maximum size. */
  private static final int ENCRYPTION_OVERHEAD = 4096;

  private final WsmanListenerConfig config;
  private final Authenticator authenticator;
  private final ConnectionAuth connectionAuth;
  private final Map<String, Resource> resources;
  private final EnvelopeReader reader;
  private final String machine;

  /** A handler for {@code config}, with built-in resources (config, shell) added to the plugins. */
  public WsmanHandler(
      WsmanListenerConfig config, Authenticator authenticator, List<Resource> builtIns) {
    this.config = config;
    this.authenticator = authenticator;
    this.connectionAuth = new ConnectionAuth(config, authenticator::accounts);
    Map<String, Resource> all = new LinkedHashMap<>(config.resources());
    for (Resource r : builtIns) {
      all.put(r.resourceUri(), r);
    }
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
      body = RequestBody.read(request, config.maxEnvelopeSize() + ENCRYPTION_OVERHEAD);
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
      answer.header("Connection", "close");
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
      return Answer.empty(405).header("Allow", "POST");
    }
    ConnectionAuth.Step step = connectionAuth.step(request, body);
    if (step.answer() != null) {
      return step.answer();
    }
    if (step.user() != null) {
      Answer a = process(request, step.soap(), false, step.user(), "spnego-kerberos");
      a = ConnectionAuth.seal(a, step);
      return step.mutual() == null ? a : a.header("WWW-Authenticate", step.mutual());
    }
    boolean anonymousIdentify =
        "unauthenticated".equalsIgnoreCase(request.getHeaders().get("WSMANIDENTIFY"));
    Authenticator.Outcome who = null;
    if (!anonymousIdentify) {
      who = authenticator.authenticate(request);
      if (who.user() == null) {
        LOG.debug("refused with {}", who.status());
        if (who.status() == 503) {
          return Answer.empty(503).header("Retry-After", "1");
        }
        return who.status() == 403 ? Answer.empty(403) : unauthorized(who.challenge());
      }
    }
    boolean tooLarge = body.tooLarge() || body.bytes().length > config.maxEnvelopeSize();
    return process(
        request,
        body.bytes(),
        tooLarge,
        who == null ? null : who.user(),
        who == null ? null : who.mutual() ? "https/mutual" : "basic");
  }

  /**
   * Answers a request body from {@code user} (null: unauthenticated, only Identify is served), who
   * authenticated with the security profile {@code used} ({@code basic}, {@code https/mutual},
   * {@code spnego-kerberos}).
   */
  private Answer process(
      Request request, byte[] bytes, boolean tooLarge, String user, String used) {
    if (tooLarge) {
      return fault(tooLarge(), recovered(bytes));
    }
    Envelope envelope;
    try {
      envelope = reader.read(bytes);
    } catch (WsmanFaultException e) {
      LOG.debug("unparsable envelope: {}", e.getMessage());
      return fault(e, recovered(bytes));
    }
    if (IdentifyResponse.isRequest(envelope)) {
      return ok(Identify.response(config, user, used, request.isSecure()).toEnvelope());
    }
    if (user == null) {
      return unauthorized(
          config.auth().basic() && (request.isSecure() || config.allowUnencrypted()));
    }
    var notUnderstood = HeaderCheck.notUnderstood(envelope);
    if (notUnderstood.isPresent()) {
      QName h = notUnderstood.get();
      WsmanFault f =
          FaultType.MUST_UNDERSTAND
              .fault(
                  "The header "
                      + h.getLocalPart()
                      + " ("
                      + h.getNamespaceURI()
                      + ") is not understood.")
              .withMachine(machine);
      Envelope out =
          f.toEnvelope(envelope).toBuilder().header(HeaderCheck.notUnderstoodHeader(h)).build();
      return new Answer(500, SOAP_CONTENT_TYPE, WRITER.toBytes(out));
    }
    try {
      byte[] out = WRITER.toBytes(dispatch(envelope, user, request));
      if (out.length > responseLimit(envelope)) {
        // MS-WSMV 3.1.4.1.7: never answer with more than the client's MaxEnvelopeSize.
        throw WsmanFaultException.of(
            FaultType.ENCODING_LIMIT
                .fault(
                    "The response ("
                        + out.length
                        + " bytes) would exceed the MaxEnvelopeSize of the request.")
                .withWsmanCode(WsmanErrorCode.MAX_ENVELOPE_SIZE_EXCEEDED.value())
                .withFaultDetail(WsmanFault.DETAIL_MAX_ENVELOPE_SIZE_EXCEEDED));
      }
      return new Answer(200, SOAP_CONTENT_TYPE, out);
    } catch (WsmanFaultException e) {
      LOG.debug("fault: {}", e.getMessage());
      return fault(e, envelope);
    } catch (RuntimeException e) {
      LOG.warn("resource {} failed", envelope.resourceUri().orElse("-"), e);
      return fault(FaultType.INTERNAL_ERROR.exception("the resource failed"), envelope);
    }
  }

  /** An envelope holding only the MessageID recovered from unreadable bytes, for RelatesTo. */
  private static Envelope recovered(byte[] bytes) {
    return EnvelopeReader.recoverMessageId(bytes)
        .map(id -> Envelope.builder().messageId(id).build())
        .orElse(NO_REQUEST);
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
            responseLimit(envelope),
            Endpoints.of(request));
    List<XmlElement> out;
    String responseAction;
    switch (action) {
      case Actions.GET -> {
        out = one(resource.get(rr));
        responseAction = Actions.GET_RESPONSE;
      }
      case Actions.PUT -> {
        out = one(resource.put(rr));
        responseAction = Actions.PUT_RESPONSE;
      }
      case Actions.CREATE -> {
        out = resource.createResponseBody(rr);
        responseAction = Actions.CREATE_RESPONSE;
      }
      case Actions.DELETE -> {
        out = one(resource.delete(rr));
        responseAction = Actions.DELETE_RESPONSE;
      }
      case Actions.ENUMERATE -> {
        out = one(resource.enumerate(rr));
        responseAction = Actions.ENUMERATE_RESPONSE;
      }
      case Actions.PULL -> {
        out = one(resource.pull(rr));
        responseAction = Actions.PULL_RESPONSE;
      }
      case Actions.RELEASE -> {
        out = one(resource.release(rr));
        responseAction = Actions.RELEASE_RESPONSE;
      }
      default -> {
        out = one(resource.invoke(action, rr));
        responseAction = action + "Response";
      }
    }
    return Envelope.responseTo(envelope, responseAction)
        .body(out.toArray(new XmlElement[0]))
        .build();
  }

  private static List<XmlElement> one(XmlElement e) {
    return e == null ? List.of() : List.of(e);
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

  /** A 401 with the Negotiate and Kerberos challenges on offer, and Basic's when {@code basic}. */
  private Answer unauthorized(boolean basic) {
    Answer a = Answer.empty(401);
    connectionAuth.challenges(basic).forEach(c -> a.header("WWW-Authenticate", c));
    return a;
  }

  private static void send(Response response, Answer answer, Callback callback) {
    response.setStatus(answer.status);
    if (answer.contentType != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType);
    }
    answer.headers.forEach(h -> response.getHeaders().add(h.getKey(), h.getValue()));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body.length);
    response.write(true, ByteBuffer.wrap(answer.body), callback);
  }
}
