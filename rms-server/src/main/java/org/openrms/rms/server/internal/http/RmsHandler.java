package org.openrms.rms.server.internal.http;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.openrms.core.wire.RmsErrorCode;
import org.openrms.core.wire.RmsPaths;
import org.openrms.core.wire.ServiceInfo;
import org.openrms.core.wire.ServiceLocations;
import org.openrms.rms.server.AuditEntry;
import org.openrms.rms.server.internal.db.AuditStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /rms/v1} API on Jetty's core handler API. Every request body is read completely (with
 * a cap), every error is {@code application/problem+json}, and every activation and certification
 * attempt is written to the audit log before the answer is sent.
 */
public final class RmsHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(RmsHandler.class);
  private static final String PEM = "application/x-pem-file";

  /** Settings the handler needs besides its endpoints. */
  public record Settings(
      int maxRequestBytes,
      boolean decommissioned,
      Optional<URI> movedTo,
      Supplier<URI> publicBaseUri,
      String serverId,
      String rootPem,
      Clock clock,
      String challenges) {}

  private final Settings settings;
  private final ActivationEndpoint activation;
  private final CertificationEndpoint certification;
  private final AuditStore audit;

  /** A handler with its endpoints and audit store. */
  public RmsHandler(
      Settings settings,
      ActivationEndpoint activation,
      CertificationEndpoint certification,
      AuditStore audit) {
    this.settings = settings;
    this.activation = activation;
    this.certification = certification;
    this.audit = audit;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    String path = normalize(request.getHttpURI().getCanonicalPath());
    String auditKind = auditKind(method, path);
    Attempt attempt = new Attempt(request.getConnectionMetaData());
    Reply reply;
    String outcome = "OK";
    String failure = null;
    try {
      byte[] body = RequestBodies.read(request, settings.maxRequestBytes());
      reply = route(request, method, path, body, attempt);
      if (reply.status() == 308) {
        outcome = "MOVED";
        failure = reply.headers().get("Location");
      }
    } catch (ApiException e) {
      outcome = e.code().name();
      failure = e.detail();
      reply = Reply.problem(e);
      if (e.status() == 401) {
        reply =
            reply.withHeader(
                "WWW-Authenticate", e.challenge() != null ? e.challenge() : settings.challenges());
      }
      if (e.status() == 413) {
        reply = reply.withHeader("Connection", "close");
      }
    } catch (MethodNotAllowed e) {
      outcome = RmsErrorCode.BAD_REQUEST.name();
      failure = "method " + method + " not allowed";
      reply =
          Reply.problem(RmsErrorCode.BAD_REQUEST, 405, "use " + e.allowed + " for this resource")
              .withHeader("Allow", e.allowed);
    } catch (Exception | LinkageError | AssertionError e) {
      LOG.error("{} {} failed", method, path, e);
      outcome = RmsErrorCode.SERVER_ERROR.name();
      failure = "unexpected failure: " + e.getClass().getSimpleName();
      reply =
          Reply.problem(
              RmsErrorCode.SERVER_ERROR, 500, "the server could not complete the request");
    }
    if (attempt.replyChallenge() != null && reply.status() != 401) {
      // the Kerberos AP-REP: the client checks it to know it spoke to the right server
      reply = reply.withHeader("WWW-Authenticate", attempt.replyChallenge());
    }
    if (auditKind != null) {
      recordAudit(
          auditKind, request, attempt, outcome, "OK".equals(outcome) ? attempt.detail() : failure);
    }
    send(response, reply, callback);
    return true;
  }

  private Reply route(Request request, String method, String path, byte[] body, Attempt attempt)
      throws Exception {
    if (path == null || !(path.equals(RmsPaths.ROOT) || path.startsWith(RmsPaths.ROOT + "/"))) {
      throw notFound();
    }
    if (settings.movedTo().isPresent()) {
      String rest = path.substring(RmsPaths.ROOT.length());
      String query = request.getHttpURI().getQuery();
      String location = settings.movedTo().get() + rest + (query == null ? "" : "?" + query);
      return Reply.empty(308, "Location", location);
    }
    if (settings.decommissioned()) {
      throw new ApiException(RmsErrorCode.SERVICE_GONE, "this rights server was decommissioned");
    }
    switch (path) {
      case RmsPaths.ROOT:
        requireMethod(method, "GET");
        return Reply.json(new ServiceInfo("OpenRMS", 1, settings.serverId()));
      case RmsPaths.SERVICE_LOCATIONS:
        requireMethod(method, "GET");
        URI base = settings.publicBaseUri().get();
        return Reply.json(
            new ServiceLocations(
                base + RmsPaths.ACTIVATION.substring(RmsPaths.ROOT.length()),
                base + RmsPaths.CERTIFICATION.substring(RmsPaths.ROOT.length()),
                null,
                null));
      case RmsPaths.ROOT_CA:
        requireMethod(method, "GET");
        return Reply.text(PEM, settings.rootPem());
      case RmsPaths.ACTIVATION:
        requireMethod(method, "POST");
        requireJsonBody(request);
        return activation.handle(
            request.getHeaders().get(HttpHeader.AUTHORIZATION), request.isSecure(), body, attempt);
      case RmsPaths.CERTIFICATION:
        requireMethod(method, "POST");
        requireJsonBody(request);
        return certification.handle(
            request.getHeaders().get(HttpHeader.AUTHORIZATION), request.isSecure(), body, attempt);
      default:
        throw notFound();
    }
  }

  /**
   * 415 unless the request has exactly one {@code Content-Type}, and it is JSON. Checked after the
   * body was read (so the connection stays usable) and before authentication (so a request of the
   * wrong type costs no password hashing).
   */
  private static void requireJsonBody(Request request) {
    List<String> types = request.getHeaders().getValuesList(HttpHeader.CONTENT_TYPE);
    RequestBodies.requireJson(types.size() == 1 ? types.get(0) : null);
  }

  private static ApiException notFound() {
    return new ApiException(RmsErrorCode.NOT_FOUND, "no such resource");
  }

  private static void requireMethod(String method, String allowed) {
    if (!allowed.equals(method)) {
      throw new MethodNotAllowed(allowed);
    }
  }

  /** 405 with the allowed method. */
  private static final class MethodNotAllowed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String allowed;

    MethodNotAllowed(String allowed) {
      super(null, null, false, false);
      this.allowed = allowed;
    }
  }

  private static String normalize(String path) {
    if (path != null && path.length() > 1 && path.endsWith("/")) {
      return path.substring(0, path.length() - 1);
    }
    return path;
  }

  private static String auditKind(String method, String path) {
    if (!"POST".equals(method) || path == null) {
      return null;
    }
    if (path.equals(RmsPaths.ACTIVATION)) {
      return "ACTIVATION";
    }
    return path.equals(RmsPaths.CERTIFICATION) ? "CERTIFICATION" : null;
  }

  private void recordAudit(
      String kind, Request request, Attempt attempt, String outcome, String detail) {
    try {
      audit.append(
          new AuditEntry(
              0,
              settings.clock().instant(),
              kind,
              attempt.login(),
              Request.getRemoteAddr(request),
              outcome,
              detail));
    } catch (RuntimeException e) {
      LOG.warn("cannot write the audit log entry of a {} attempt ({})", kind, outcome, e);
    }
  }

  private static void send(Response response, Reply reply, Callback callback) {
    response.setStatus(reply.status());
    if (reply.contentType() != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    }
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      response.getHeaders().put(h.getKey(), h.getValue());
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }
}
