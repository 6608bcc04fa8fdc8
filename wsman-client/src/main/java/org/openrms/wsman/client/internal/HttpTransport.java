package org.openrms.wsman.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessor;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.RequestConnControl;
import org.apache.hc.core5.http.protocol.RequestContent;
import org.apache.hc.core5.http.protocol.RequestTargetHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * One HTTP/1.1 connection to a WS-Management service on httpcore5's blocking client connection:
 * POSTs go one at a time over one kept-alive TCP (or TLS) connection, which is opened on first use
 * and opened again when the server closed it (checked before each reuse, so that nothing is written
 * to a connection the server has closed). The connection is the unit that owns connection-bound
 * authentication state (NTLM, Kerberos, see {@link ConnectionAuth}): a new connection starts a new
 * authentication, and dropping a connection closes its state.
 *
 * <p>{@link #post} is serialised; {@link #close()} may be called from any thread and aborts a post
 * in progress. I/O failures surface as {@link IOException}s; mapping them to the client's
 * exceptions is {@link Exchange}'s job.
 */
public final class HttpTransport implements AutoCloseable {
  /** What a transport connects to and how. */
  public record Target(
      String host,
      int port,
      String path,
      SSLContext tls,
      boolean sniHost,
      Duration connectTimeout,
      String userAgent,
      long maxResponseBytes) {}

  /**
   * A response: status, reason, content type, the body bytes and the {@code WWW-Authenticate}
   * header values (in order; empty if none).
   */
  public record Answer(
      int status, String reason, String contentType, byte[] body, List<String> authenticate) {
    /** An answer without {@code WWW-Authenticate} headers. */
    public Answer(int status, String reason, String contentType, byte[] body) {
      this(status, reason, contentType, body, List.of());
    }

    /** The same answer with another content type and body. */
    public Answer withBody(String contentType, byte[] body) {
      return new Answer(status, reason, contentType, body, authenticate);
    }
  }

  /** Sends one request over the current connection, for a {@link ConnectionAuth}. */
  public interface Wire {
    /**
     * POSTs {@code body} and reads the whole response on the current connection.
     *
     * @param carriesRequest whether {@code body} is the caller's request (so that once it went out,
     *     whether the service carried it out may be unknown), not a handshake message
     * @throws ConnectionReplacedException if the service closed the connection, which would lose
     *     the authentication state
     */
    Answer exchange(byte[] body, Map<String, String> headers, boolean carriesRequest)
        throws IOException;
  }

  /** The service closed the connection after a response, taking its authentication state along. */
  public static final class ConnectionReplacedException extends IOException {
    private static final long serialVersionUID = 1L;

    ConnectionReplacedException() {
      super("the service closed the connection during authentication");
    }
  }

  private final java.util.function.Supplier<Target> targets;
  private final ConnectionAuth.Factory auths;
  private ConnectionAuth auth;
  private Target target;
  private HttpHost httpHost;
  private final HttpRequestExecutor executor = new HttpRequestExecutor();
  private final HttpProcessor processor;
  private DefaultBHttpClientConnection connection;
  private Socket appSocket;
  private volatile DefaultBHttpClientConnection live;
  private volatile boolean closed;

  /**
   * A transport; nothing is connected yet, and {@code targets} is asked for the target (TLS context
   * included) on the first post only.
   */
  public HttpTransport(java.util.function.Supplier<Target> targets) {
    this(targets, null);
  }

  /**
   * A transport whose connections authenticate with a connection-bound mechanism: {@code auths}
   * makes the state of each new connection (Negotiate, Kerberos), which authenticates and, where
   * the session encrypts, seals every request on it.
   */
  public HttpTransport(java.util.function.Supplier<Target> targets, ConnectionAuth.Factory auths) {
    this.targets = targets;
    this.auths = auths;
    this.processor =
        HttpProcessorBuilder.create()
            .add(new RequestContent())
            .add(new RequestTargetHost())
            .add(new RequestConnControl())
            .build();
  }

  /**
   * The connection broke or timed out after the whole request was handed to the network and before
   * the whole response was read, for a request that is not {@code replayable}: the service may have
   * carried it out, or not. It was not sent again. {@link #getCause()} is the failure.
   */
  public static final class OutcomeUnknownException extends IOException {
    private static final long serialVersionUID = 1L;

    OutcomeUnknownException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * POSTs {@code body} and reads the whole response.
   *
   * <p>A request is sent again, once, on a fresh connection only when that cannot make the service
   * carry it out twice: when the connection broke before the whole request was written (a
   * kept-alive connection the service had closed), or when the request is {@code replayable}
   * (Identify, Get, a Receive with a SequenceId the service replays). Otherwise a connection that
   * breaks after the request went out is an {@link OutcomeUnknownException}. A kept-alive
   * connection is checked before reuse: if the service closed it (or sent something unasked), a new
   * one is opened and nothing is written to the old one.
   *
   * @param headers request headers (Content-Type, Authorization …)
   * @param readTimeout the longest wait for response bytes
   * @param replayable whether sending the request twice has the effect of sending it once
   * @param authenticated false for a request that goes without authentication (an unauthenticated
   *     Identify): it goes in clear, on a connection that has no authentication state
   * @throws IOException for a connect, TLS, read or write failure, or a response over the limit
   */
  public synchronized Answer post(
      byte[] body,
      Map<String, String> headers,
      Duration readTimeout,
      boolean replayable,
      boolean authenticated)
      throws IOException {
    if (closed) {
      throw new IOException("the connection is closed");
    }
    if (target == null) {
      target = targets.get();
      httpHost =
          new HttpHost(target.tls() == null ? "http" : "https", target.host(), target.port());
    }
    if (!authenticated && auth != null) {
      drop(); // the unauthenticated request must not land on an authenticated connection
    }
    for (int attempt = 1; ; attempt++) {
      boolean reused = ensureConnection();
      Progress progress = new Progress();
      try {
        if (auths == null || !authenticated) {
          Answer answer = exchange(body, headers, readTimeout, progress);
          if (connection == null) {
            closeAuth();
          }
          return answer;
        }
        if (auth == null) {
          auth = auths.open(serverCertificate());
        }
        Wire wire =
            (b, h, carries) -> {
              Progress p = carries ? progress : new Progress();
              Answer a = exchange(b, h, readTimeout, p);
              if (connection == null) {
                if (carries && p.sent) {
                  return a; // the answer to the request itself: nothing more follows on it
                }
                throw new ConnectionReplacedException();
              }
              return a;
            };
        Answer answer = auth.send(wire, body, headers);
        if (connection == null) {
          closeAuth(); // the service closed the connection after this answer
        }
        return answer;
      } catch (IOException e) {
        drop();
        if (closed) {
          throw e;
        }
        boolean lost = isConnectionLoss(e);
        boolean unsent = !progress.sent;
        if (attempt == 1 && lost && ((unsent && reused) || replayable)) {
          continue; // once, on a fresh connection
        }
        if (!unsent && !replayable && (lost || e instanceof SocketTimeoutException)) {
          throw new OutcomeUnknownException(e);
        }
        throw e;
      } catch (RuntimeException e) {
        drop();
        throw e;
      }
    }
  }

  /** How far one exchange got. */
  private static final class Progress {
    /** The whole request was handed to the network. */
    boolean sent;
  }

  /** Opens a connection unless a usable kept-alive one is there; true if one is reused. */
  private boolean ensureConnection() throws IOException {
    if (connection != null && !usable()) {
      drop();
    }
    if (connection != null) {
      return true;
    }
    connect();
    return false;
  }

  /**
   * Whether the idle kept-alive connection can carry a request: a read that waits 1 ms finds
   * neither the end of the stream (the service closed it) nor bytes (something unasked, which would
   * be taken for the next response). One probe, one millisecond at most; the connection is dropped
   * if it reads anything, so bypassing httpcore5's buffer is harmless.
   */
  private boolean usable() {
    if (!connection.isOpen() || appSocket == null) {
      return false;
    }
    try {
      int old = appSocket.getSoTimeout();
      appSocket.setSoTimeout(1);
      try {
        appSocket.getInputStream().read();
        return false;
      } catch (SocketTimeoutException e) {
        return true;
      } finally {
        appSocket.setSoTimeout(old);
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The connection broke (reset, closed, no response) rather than timed out or misbehaved. */
  private static boolean isConnectionLoss(IOException e) {
    return e instanceof SocketException
        || e instanceof NoHttpResponseException
        || e instanceof ConnectionClosedException
        || e instanceof EOFException
        || (e instanceof SSLException && !(e instanceof SSLHandshakeException));
  }

  private Answer exchange(
      byte[] body, Map<String, String> headers, Duration readTimeout, Progress progress)
      throws IOException {
    BasicClassicHttpRequest request =
        new BasicClassicHttpRequest(Method.POST, httpHost, target.path());
    request.setHeader("User-Agent", target.userAgent());
    headers.forEach(request::setHeader);
    request.setEntity(new ByteArrayEntity(body, null));
    connection.setSocketTimeout(Timeout.ofMilliseconds(Math.max(1, readTimeout.toMillis())));
    HttpCoreContext context = HttpCoreContext.create();
    try {
      executor.preProcess(request, processor, context);
      // HttpRequestExecutor.execute without Expect: 100-continue, split so that it is known
      // whether the request went out whole and whether a response status came back.
      connection.sendRequestHeader(request);
      connection.sendRequestEntity(request);
      connection.flush();
      progress.sent = true;
      ClassicHttpResponse response;
      do {
        response = connection.receiveResponseHeader();
        if (response.getCode() == 101) {
          throw new ProtocolException("unexpected HTTP 101 Switching Protocols");
        }
      } while (response.getCode() < 200);
      connection.receiveResponseEntity(response);
      executor.postProcess(response, processor, context);
      byte[] bytes = read(response.getEntity());
      Header type = response.getFirstHeader("Content-Type");
      List<String> authenticate = new java.util.ArrayList<>();
      for (Header h : response.getHeaders("WWW-Authenticate")) {
        authenticate.add(h.getValue());
      }
      if (!executor.keepAlive(request, response, connection, context)) {
        dropConnection(); // the caller may still need the authentication state for this answer
      }
      return new Answer(
          response.getCode(),
          response.getReasonPhrase(),
          type == null ? null : type.getValue(),
          bytes,
          List.copyOf(authenticate));
    } catch (HttpException e) {
      throw new IOException("HTTP protocol error: " + e.getMessage(), e);
    }
  }

  private byte[] read(HttpEntity entity) throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    long max = target.maxResponseBytes();
    if (entity.getContentLength() > max) {
      throw new IOException(
          "the response of " + entity.getContentLength() + " bytes is over the limit of " + max);
    }
    try (InputStream in = entity.getContent()) {
      ByteArrayOutputStream out =
          new ByteArrayOutputStream((int) Math.max(256, Math.min(entity.getContentLength(), max)));
      byte[] buf = new byte[16384];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > max) {
          throw new IOException("the response is over the limit of " + max + " bytes");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }

  private void connect() throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(
          new InetSocketAddress(target.host(), target.port()),
          (int) Math.min(Integer.MAX_VALUE, target.connectTimeout().toMillis()));
      DefaultBHttpClientConnection c = new DefaultBHttpClientConnection(Http1Config.DEFAULT);
      if (target.tls() != null) {
        SSLSocket ssl =
            (SSLSocket)
                target
                    .tls()
                    .getSocketFactory()
                    .createSocket(socket, target.host(), target.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        if (target.sniHost()) {
          params.setServerNames(List.of(new SNIHostName(target.host())));
        }
        ssl.setSSLParameters(params);
        ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, target.connectTimeout().toMillis()));
        ssl.startHandshake();
        c.bind(ssl, socket);
        appSocket = ssl;
      } else {
        c.bind(socket);
        appSocket = socket;
      }
      connection = c;
      live = c;
      if (closed) {
        drop();
        throw new IOException("the connection is closed");
      }
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** The server certificate of a TLS connection, or null over plain HTTP. */
  private java.security.cert.X509Certificate serverCertificate() {
    if (appSocket instanceof SSLSocket ssl) {
      try {
        java.security.cert.Certificate[] chain = ssl.getSession().getPeerCertificates();
        if (chain.length > 0 && chain[0] instanceof java.security.cert.X509Certificate x) {
          return x;
        }
      } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
        return null;
      }
    }
    return null;
  }

  /** Closes the connection and its authentication state. */
  private void drop() {
    dropConnection();
    closeAuth();
  }

  private void closeAuth() {
    ConnectionAuth a = auth;
    auth = null;
    if (a != null) {
      a.close(); // one connection, one context: zeroes its keys
    }
  }

  private void dropConnection() {
    DefaultBHttpClientConnection c = connection;
    connection = null;
    appSocket = null;
    live = null;
    if (c != null) {
      c.close(CloseMode.IMMEDIATE);
    }
  }

  /** True after {@link #close()}. */
  public boolean isClosed() {
    return closed;
  }

  /** Closes the connection, aborting a post in progress. Idempotent. */
  @Override
  public void close() {
    closed = true;
    DefaultBHttpClientConnection c = live;
    if (c != null) {
      c.close(CloseMode.IMMEDIATE);
    }
    synchronized (this) {
      drop(); // after a post in progress gave up the lock: zeroes the connection's keys
    }
  }
}
