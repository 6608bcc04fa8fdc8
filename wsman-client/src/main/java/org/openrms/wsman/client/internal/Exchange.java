package org.openrms.wsman.client.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.EnvelopeReader;
import org.openrms.wsman.EnvelopeWriter;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.WsmanFault;
import org.openrms.wsman.WsmanFaultException;
import org.openrms.wsman.client.WsmanAuthenticationException;
import org.openrms.wsman.client.WsmanCertificateException;
import org.openrms.wsman.client.WsmanClientException;
import org.openrms.wsman.client.WsmanConnectionException;
import org.openrms.wsman.client.WsmanHttpException;

/**
 * Sends one envelope and turns the answer into an envelope or an exception: <b>the one place</b>
 * where HTTP statuses, I/O and TLS failures and SOAP faults become the client's exceptions.
 *
 * <ul>
 *   <li>a SOAP fault (any status) → the typed {@link WsmanFaultException} of its subcode;
 *   <li>401 → {@link WsmanAuthenticationException};
 *   <li>another non-2xx status without a fault, or a body that is no envelope → {@link
 *       WsmanHttpException};
 *   <li>a certificate check in the TLS handshake → {@link WsmanCertificateException}; any other I/O
 *       failure → {@link WsmanConnectionException}, whose message says when a request that is not
 *       {@linkplain #isReplayable replayable} went out and its outcome is unknown;
 *   <li>a request larger than the service accepts → {@link WsmanFaultException.EncodingLimit},
 *       raised locally, nothing sent.
 * </ul>
 *
 * Thread-safe. Messages name the endpoint and the user, never a password.
 */
public final class Exchange {
  /** The media type of every request (and the charset of the session's encoding). */
  public static final String SOAP_XML = "application/soap+xml";

  private final String endpoint;
  private final EnvelopeWriter writer;
  private final EnvelopeReader reader;
  private final String contentType;
  private final Supplier<String> authorization;
  private final String user;
  private volatile long sendLimit;

  /**
   * An exchange.
   *
   * @param endpoint the endpoint URI as text, for messages
   * @param charset UTF-8 or UTF-16
   * @param authorization the Authorization header value of each request, or null for none
   * @param user the user name for messages, or null
   * @param sendLimit the largest request envelope the service takes, in bytes
   * @param maxResponseBytes the largest response parsed
   */
  public Exchange(
      String endpoint,
      Charset charset,
      Supplier<String> authorization,
      String user,
      long sendLimit,
      long maxResponseBytes) {
    this.endpoint = endpoint;
    this.writer = new EnvelopeWriter(charset);
    this.reader =
        new EnvelopeReader(new EnvelopeReader.Limits(maxResponseBytes, 64, 1_000_000, 256), false);
    this.contentType =
        SOAP_XML + ";charset=" + (charset.equals(StandardCharsets.UTF_8) ? "UTF-8" : "UTF-16");
    this.authorization = authorization;
    this.user = user;
    this.sendLimit = sendLimit;
  }

  /** The largest request envelope sent, in bytes. */
  public long sendLimit() {
    return sendLimit;
  }

  /** Sets the largest request envelope, once the service's limit is known. */
  public void sendLimit(long bytes) {
    this.sendLimit = bytes;
  }

  /** The encoded size of {@code envelope} in bytes. */
  public int size(Envelope envelope) {
    return writer.toBytes(envelope).length;
  }

  /**
   * Sends {@code request} over {@code transport}.
   *
   * @param authenticated false for an unauthenticated Identify: no Authorization header, and the
   *     {@code WSMANIDENTIFY: unauthenticated} header instead
   * @param readTimeout the longest wait for the response
   * @return the response envelope, never a fault
   */
  public Envelope send(
      HttpTransport transport, Envelope request, boolean authenticated, Duration readTimeout) {
    byte[] bytes = writer.toBytes(request);
    if (bytes.length > sendLimit) {
      throw FaultType.ENCODING_LIMIT.exception(
          "the request envelope of "
              + bytes.length
              + " bytes is larger than the MaxEnvelopeSize of "
              + sendLimit
              + " bytes the service accepts; nothing was sent");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    if (authenticated) {
      String auth = authorization == null ? null : authorization.get();
      if (auth != null) {
        headers.put("Authorization", auth);
      }
    } else {
      headers.put("WSMANIDENTIFY", "unauthenticated");
    }
    HttpTransport.Answer answer;
    try {
      answer = transport.post(bytes, headers, readTimeout, isReplayable(request), authenticated);
    } catch (HttpTransport.OutcomeUnknownException e) {
      RuntimeException failure = connectionFailure((IOException) e.getCause(), readTimeout);
      throw new WsmanConnectionException(
          failure.getMessage()
              + "; the "
              + operation(request)
              + " request was sent but no answer came back, so whether the service carried it"
              + " out is unknown (it was not sent again)",
          e.getCause());
    } catch (IOException e) {
      throw connectionFailure(e, readTimeout);
    } finally {
      headers.clear();
    }
    return interpret(request, answer);
  }

  /**
   * Whether sending {@code request} twice has the effect of sending it once, so that the transport
   * may send it again when the connection breaks before the answer: Identify, Get, and a Receive
   * with a SequenceId (the service answers a repeated SequenceId with the same output, MS-WSMV
   * 3.1.4.14). Enumerate, Pull (a Pull moves the context on), Put, Create, Delete, Invoke, Command,
   * Send and Signal are not.
   */
  public static boolean isReplayable(Envelope request) {
    if (IdentifyResponse.isRequest(request)) {
      return true;
    }
    String action = request.action().orElse("");
    if (action.equals(Actions.GET)) {
      return true;
    }
    return action.equals(Actions.RECEIVE)
        && request.bodyElement().flatMap(b -> b.attribute("SequenceId")).isPresent();
  }

  private static String operation(Envelope request) {
    if (IdentifyResponse.isRequest(request)) {
      return "Identify";
    }
    String action = request.action().orElse("");
    int cut = Math.max(action.lastIndexOf('/'), action.lastIndexOf('#'));
    return cut >= 0 && cut < action.length() - 1 ? action.substring(cut + 1) : action;
  }

  private Envelope interpret(Envelope request, HttpTransport.Answer a) {
    if (a.status() == 401) {
      throw new WsmanAuthenticationException(
          endpoint
              + " refused the credentials"
              + (user == null ? "" : " of user '" + user + "'")
              + " (HTTP 401)");
    }
    Envelope response = null;
    RuntimeException parseFailure = null;
    if (a.body().length > 0 && isXml(a.contentType())) {
      try {
        response = reader.read(a.body());
      } catch (WsmanFaultException e) {
        parseFailure = e;
      }
    }
    if (response != null) {
      Optional<WsmanFault> fault = response.fault();
      if (fault.isPresent()) {
        throw WsmanFaultException.of(fault.get());
      }
    }
    if (a.status() < 200 || a.status() > 299) {
      throw new WsmanHttpException(
          a.status(),
          endpoint
              + " answered HTTP "
              + a.status()
              + (a.reason() == null || a.reason().isEmpty() ? "" : " " + a.reason())
              + " without a WS-Management fault",
          parseFailure);
    }
    if (response == null) {
      throw new WsmanHttpException(
          a.status(),
          endpoint
              + " answered HTTP "
              + a.status()
              + " with "
              + (a.body().length == 0
                  ? "an empty body"
                  : "a body that is not a WS-Management envelope ("
                      + (parseFailure != null ? parseFailure.getMessage() : a.contentType())
                      + ")"),
          parseFailure);
    }
    Optional<String> relatesTo = response.relatesTo();
    Optional<String> messageId = request.messageId();
    if (relatesTo.isPresent()
        && messageId.isPresent()
        && !relatesTo.get().equals(messageId.get())) {
      throw new WsmanClientException(
          endpoint
              + " answered message "
              + relatesTo.get()
              + " instead of "
              + messageId.get()
              + " (RelatesTo does not match)");
    }
    return response;
  }

  private static boolean isXml(String contentType) {
    if (contentType == null) {
      return true;
    }
    String t = contentType.toLowerCase(java.util.Locale.ROOT);
    return t.contains("xml");
  }

  private RuntimeException connectionFailure(IOException e, Duration readTimeout) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateCheckFailure c) {
        return new WsmanCertificateException(
            c.isNameCheck()
                ? WsmanCertificateException.Check.CERTIFICATE_NAME
                : WsmanCertificateException.Check.CERTIFICATE_AUTHORITY,
            "TLS with " + endpoint + " failed: " + c.getMessage(),
            e);
      }
    }
    String what;
    if (e instanceof UnknownHostException) {
      what = "unknown host " + e.getMessage();
    } else if (e instanceof ConnectException) {
      what = "connection refused or unreachable (" + e.getMessage() + ")";
    } else if (e instanceof SocketTimeoutException) {
      what = "no answer within " + readTimeout.toMillis() + " ms (" + e.getMessage() + ")";
    } else if (e instanceof SSLException) {
      what = "TLS failure (" + e.getMessage() + ")";
    } else {
      what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    return new WsmanConnectionException("cannot talk to " + endpoint + ": " + what, e);
  }
}
