package org.openrms.wsman.client.internal;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.EnvelopeBuilder;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.client.WsmanClientException;

/**
 * What a session sends its requests through: the WS-Management headers every request carries (the
 * endpoint, the announced MaxEnvelopeSize, locales, the session's SessionId, the OperationTimeout),
 * the {@link Exchange} that sends them, the session's kept-alive connection and further connections
 * to the same service, and the service's envelope limit, learned once.
 *
 * <p>Thread-safe; requests on one connection go one at a time.
 */
public final class Channel implements AutoCloseable {
  /** How much longer than the OperationTimeout a response may take before the read times out. */
  static final Duration READ_MARGIN = Duration.ofSeconds(15);

  private final String endpoint;
  private final int maxEnvelopeSize;
  private final String sessionId = "uuid:" + UUID.randomUUID();
  private final Exchange exchange;
  private final Supplier<HttpTransport> transports;
  private final HttpTransport transport;
  private final ServiceLimit serviceLimit;
  private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
  private final AutoCloseable credentials;

  /**
   * A channel; nothing is connected until the first call.
   *
   * @param endpoint the endpoint URI as text
   * @param maxEnvelopeSize the MaxEnvelopeSize announced in each request
   * @param transports makes a connection to the service (asked once now, and for each {@link
   *     #newTransport()})
   * @param credentials what {@link #close()} closes last (the session's Kerberos tickets), or null
   */
  public Channel(
      String endpoint,
      int maxEnvelopeSize,
      Exchange exchange,
      Supplier<HttpTransport> transports,
      AutoCloseable credentials) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.maxEnvelopeSize = maxEnvelopeSize;
    this.exchange = exchange;
    this.transports = transports;
    this.transport = transports.get();
    this.serviceLimit = new ServiceLimit(exchange);
  }

  /** A request to {@code resourceUri} with the session's headers and {@code timeoutMs}. */
  public EnvelopeBuilder request(String resourceUri, String action, int timeoutMs) {
    return Envelope.request(endpoint, resourceUri, action)
        .maxEnvelopeSize(maxEnvelopeSize, true)
        .locale("en-US")
        .dataLocale("en-US")
        .sessionId(sessionId)
        .operationTimeout(Duration.ofMillis(timeoutMs));
  }

  /**
   * Sends {@code request} over {@code over} (the session's connection if null), waiting up to the
   * OperationTimeout plus a margin, so a service that holds a request until the OperationTimeout (a
   * Receive) never trips the read timeout.
   */
  public Envelope call(HttpTransport over, Envelope request, boolean authenticated, int timeoutMs) {
    Duration readTimeout = Duration.ofMillis(timeoutMs).plus(READ_MARGIN);
    return exchange.send(over == null ? transport : over, request, authenticated, readTimeout);
  }

  /** A further connection to the same service (a command's Receive runs on its own). */
  public HttpTransport newTransport() {
    return transports.get();
  }

  /**
   * The service's envelope limit, learned once from a Get of {@code winrm/config} (see {@link
   * ServiceLimit}).
   */
  public long serviceLimit(int timeoutMs) {
    return serviceLimit.get(
        () ->
            call(
                null, request(Namespaces.CONFIG, Actions.GET, timeoutMs).build(), true, timeoutMs));
  }

  /** True once the session's connection is closed. */
  public boolean isClosed() {
    return transport.isClosed();
  }

  /** Registers what {@link #close()} closes first (a shell, an enumerator). */
  public void opened(AutoCloseable c) {
    open.add(c);
  }

  /** Forgets {@code c} once it closed by itself. */
  public void closed(AutoCloseable c) {
    open.remove(c);
  }

  /**
   * Closes what is registered (shells delete themselves, enumerators release their contexts; best
   * effort), then the session's connection, aborting a request in progress, then the session's
   * credentials. Throws nothing.
   */
  @Override
  public void close() {
    for (AutoCloseable c : open.toArray(new AutoCloseable[0])) {
      try {
        c.close();
      } catch (Exception e) {
        // best effort: the connection goes away next
      }
    }
    transport.close();
    if (credentials != null) {
      try {
        credentials.close();
      } catch (Exception e) {
        // best effort: nothing else holds them
      }
    }
  }

  /**
   * The body element of a response.
   *
   * @throws WsmanClientException if the body is empty
   */
  public static XmlElement body(Envelope response) {
    return response
        .bodyElement()
        .orElseThrow(
            () ->
                new WsmanClientException(
                    "the response " + response.action().orElse("") + " has an empty body"));
  }

  /** The body element of a response as XML text, or an empty string for an empty body. */
  public static String bodyText(Envelope response) {
    return response.bodyElement().map(XmlText::write).orElse("");
  }
}
