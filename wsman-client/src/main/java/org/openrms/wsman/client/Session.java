package org.openrms.wsman.client;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Enumeration;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.EnvelopeBuilder;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.WsmanFaultException;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.client.internal.Channel;
import org.openrms.wsman.client.internal.Enumerations;
import org.openrms.wsman.client.internal.HttpTransport;
import org.openrms.wsman.client.internal.LastError;
import org.openrms.wsman.client.internal.XmlText;

/**
 * A WS-Management session, the Java form of the scripting object {@code Session} ({@code
 * IWSManSession}): Identify, the WS-Transfer operations (Get, Put, Create, Delete), Enumerate,
 * Invoke, and WinRS shells. {@link WSMan#createSession} returns one; it connects on its first
 * operation and keeps one HTTP/1.1 connection alive for all of them, reconnecting when the service
 * closed it.
 *
 * <p>Resources are XML text, as in the scripting API. Failures are unchecked: a fault the service
 * sends is the {@link WsmanFaultException} of its subcode (for example {@link
 * WsmanFaultException.InvalidSelectors}); everything else is a {@link WsmanClientException}. After
 * a failure {@link #error()} holds it as text, the fault as XML.
 *
 * <p>Thread-safe: operations share the connection one at a time. {@link #close()} closes the open
 * shells and enumerators, then the connection; it is idempotent.
 */
public final class Session implements AutoCloseable {
  /** The default {@link #timeout()}: 60 s, as MS-WSMV 3.2.4.1.2 recommends. */
  public static final int DEFAULT_TIMEOUT_MS = 60_000;

  /** The default {@link #batchItems()}. */
  public static final int DEFAULT_BATCH_ITEMS = 20;

  private final SessionPlan plan;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Channel channel;
  private volatile int timeoutMs = DEFAULT_TIMEOUT_MS;
  private volatile int batchItems = DEFAULT_BATCH_ITEMS;
  private final LastError lastError = new LastError();

  Session(SessionPlan plan, ClientSettings settings) {
    this.plan = plan;
    this.channel = Transports.channel(plan, settings);
  }

  /** The resolved connection string, flags, mechanism and TLS checks of this session. */
  public SessionPlan plan() {
    return plan;
  }

  /** The OperationTimeout of requests in milliseconds ({@code Timeout}); 60000 by default. */
  public int timeout() {
    return timeoutMs;
  }

  /**
   * Sets the OperationTimeout in milliseconds. The socket read timeout is this plus a margin, so a
   * service that holds a request (a shell Receive) until the OperationTimeout never trips it.
   */
  public void setTimeout(int milliseconds) {
    if (milliseconds <= 0) {
      throw new IllegalArgumentException("the timeout must be positive");
    }
    this.timeoutMs = milliseconds;
  }

  /** The items asked for per Enumerate or Pull ({@code BatchItems}); 20 by default. */
  public int batchItems() {
    return batchItems;
  }

  /** Sets the items asked for per Enumerate or Pull. */
  public void setBatchItems(int items) {
    if (items <= 0) {
      throw new IllegalArgumentException("batchItems must be positive");
    }
    this.batchItems = items;
  }

  /**
   * The last error of an operation ({@code Error}): the service's fault as XML, or the message of
   * another failure; empty if the last operation succeeded.
   */
  public String error() {
    return lastError.text();
  }

  /** Identify, authenticated as the session is: protocol version, vendor, product version. */
  public IdentifyResponse identify() {
    return op(() -> IdentifyResponse.from(call(IdentifyResponse.request(), true)));
  }

  /**
   * Identify with {@code WSMANIDENTIFY: unauthenticated} and no credentials, which a service
   * answers without authentication (and without security profiles). Works whatever the session's
   * mechanism is.
   */
  public IdentifyResponse identifyUnauthenticated() {
    return op(() -> IdentifyResponse.from(call(IdentifyResponse.request(), false)));
  }

  /** Get: the resource's representation as XML text. */
  public String get(ResourceLocator resource) {
    return op(() -> Channel.bodyText(call(request(resource, Actions.GET).build(), true)));
  }

  /** Get of a resource URI without selectors. */
  public String get(String resourceUri) {
    return get(ResourceLocator.builder(resourceUri).build());
  }

  /**
   * Put: replaces the resource with {@code xml}.
   *
   * @return the representation the service returns, or an empty string
   * @throws IllegalArgumentException if {@code xml} is not one well-formed element
   */
  public String put(ResourceLocator resource, String xml) {
    XmlElement body = XmlText.parse(xml);
    return op(
        () -> Channel.bodyText(call(request(resource, Actions.PUT).body(body).build(), true)));
  }

  /** Put on a resource URI without selectors. */
  public String put(String resourceUri, String xml) {
    return put(ResourceLocator.builder(resourceUri).build(), xml);
  }

  /**
   * Create: a new resource from {@code xml}.
   *
   * @return the CreateResponse body (normally {@code x:ResourceCreated}, the new resource's EPR)
   */
  public String create(ResourceLocator resource, String xml) {
    XmlElement body = XmlText.parse(xml);
    return op(
        () -> Channel.bodyText(call(request(resource, Actions.CREATE).body(body).build(), true)));
  }

  /** Create on a resource URI without selectors. */
  public String create(String resourceUri, String xml) {
    return create(ResourceLocator.builder(resourceUri).build(), xml);
  }

  /** Delete: removes the resource. */
  public void delete(ResourceLocator resource) {
    op(() -> call(request(resource, Actions.DELETE).build(), true));
  }

  /** Delete of a resource URI without selectors. */
  public void delete(String resourceUri) {
    delete(ResourceLocator.builder(resourceUri).build());
  }

  /**
   * Invoke: runs a method of the resource.
   *
   * @param action a method name (the action is then the resource URI + {@code /} + the name) or an
   *     absolute action URI
   * @param parametersXml the input element, or {@code null} or empty for an empty body
   * @return the response body as XML text, or an empty string
   */
  public String invoke(String action, ResourceLocator resource, String parametersXml) {
    Objects.requireNonNull(action, "action");
    String uri = action.contains(":") ? action : resource.resourceUri() + "/" + action;
    XmlElement body =
        parametersXml == null || parametersXml.isBlank() ? null : XmlText.parse(parametersXml);
    return op(
        () -> {
          EnvelopeBuilder b = request(resource, uri);
          if (body != null) {
            b.body(body);
          }
          return Channel.bodyText(call(b.build(), true));
        });
  }

  /** Invoke on a resource URI without selectors. */
  public String invoke(String action, String resourceUri, String parametersXml) {
    return invoke(action, ResourceLocator.builder(resourceUri).build(), parametersXml);
  }

  /**
   * Enumerate: starts an enumeration whose items the {@link Enumerator} pulls lazily, {@link
   * #batchItems()} at a time.
   *
   * @param filter the filter, or {@code null}/empty for all items; it is sent as XML if it starts
   *     with {@code <} unless {@link EnumerationFlag#NON_XML_TEXT}
   * @param dialect the filter dialect (such as {@link Namespaces#DIALECT_WQL}), or {@code null}
   * @param flags what the items hold: {@link EnumerationFlag#RETURN_OBJECT} (the default), {@link
   *     EnumerationFlag#RETURN_EPR} or {@link EnumerationFlag#RETURN_OBJECT_AND_EPR}
   */
  public Enumerator enumerate(
      ResourceLocator resource, String filter, String dialect, Set<EnumerationFlag> flags) {
    XmlElement body = Enumerations.enumerate(filter, dialect, flags, batchItems);
    return op(
        () -> {
          Envelope e = request(resource, Actions.ENUMERATE).body(body).build();
          return new Enumerator(this, resource, Enumeration.batch(Channel.body(call(e, true))));
        });
  }

  /** Enumerate every item of a resource URI, as objects. */
  public Enumerator enumerate(String resourceUri) {
    return enumerate(ResourceLocator.builder(resourceUri).build(), null, null, Set.of());
  }

  /**
   * Opens a WinRS cmd shell (a Create of the shell resource).
   *
   * @see RemoteShell
   */
  public RemoteShell openShell(ShellOptions options) {
    return op(() -> RemoteShell.open(this, options));
  }

  /** Opens a WinRS cmd shell with {@link ShellOptions#defaults()}. */
  public RemoteShell openShell() {
    return openShell(ShellOptions.defaults());
  }

  /**
   * The largest request envelope the service accepts, in bytes: its {@code MaxEnvelopeSizekb}, read
   * once from {@code winrm/config}, or the announced MaxEnvelopeSize if the config cannot be read.
   * Requests above it are refused before they are sent.
   */
  public long serviceMaxEnvelopeSize() {
    return channel.serviceLimit(timeoutMs);
  }

  /** True after {@link #close()}. */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Closes the open shells (Delete) and enumerators (Release), then the connection. Idempotent;
   * throws nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    channel.close();
  }

  @Override
  public String toString() {
    return "Session[" + plan + (closed.get() ? ", closed" : "") + "]";
  }

  // ---- for Enumerator, RemoteShell and RemoteCommand ----

  /** Runs an operation, recording its failure in {@link #error()}. */
  <T> T op(Supplier<T> body) {
    if (isClosedForUse()) {
      throw new IllegalStateException("the session is closed");
    }
    return lastError.record(body);
  }

  /** True once the connection is closed; while close() closes the shells, they may still talk. */
  boolean isClosedForUse() {
    return channel.isClosed();
  }

  void opened(AutoCloseable c) {
    channel.opened(c);
  }

  void closed(AutoCloseable c) {
    channel.closed(c);
  }

  EnvelopeBuilder request(String resourceUri, String action) {
    return channel.request(resourceUri, action, timeoutMs);
  }

  EnvelopeBuilder request(ResourceLocator resource, String action) {
    return resource.applyTo(request(resource.resourceUri(), action));
  }

  Envelope call(Envelope request, boolean authenticated) {
    return channel.call(null, request, authenticated, timeoutMs);
  }

  Envelope call(HttpTransport over, Envelope request, boolean authenticated) {
    return channel.call(over, request, authenticated, timeoutMs);
  }

  /** A further connection to the same service (a command's Receive runs on its own). */
  HttpTransport newTransport() {
    return channel.newTransport();
  }
}
