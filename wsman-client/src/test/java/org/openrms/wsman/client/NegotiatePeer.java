package org.openrms.wsman.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.openrms.auth.SealedMessage;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.wsman.EncryptedMessage;
import org.openrms.wsman.server.WsmanListener;

/**
 * A Negotiate/Kerberos front for a real listener, standing in for the listener's own Negotiate
 * support: it authenticates each TCP connection with an acceptor context from {@link #acceptors}
 * (the 401 rounds), unseals MS-WSMV encrypted requests, forwards the SOAP to the listener with
 * Basic, and seals the answer with the connection's context. It keeps what came over the wire
 * ({@link #wire()}) and the Authorization schemes used, and can tamper with sealed answers.
 */
final class NegotiatePeer implements AutoCloseable {
  /** One request as it came over the wire. */
  record Seen(String contentType, String authorization, byte[] body) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final WsmanListener upstream;
  private final Map<String, Supplier<SecurityContext>> acceptors;
  private final Map<InetSocketAddress, SecurityContext> contexts = new ConcurrentHashMap<>();
  private final List<Seen> wire = Collections.synchronizedList(new ArrayList<>());
  private final HttpClient http = HttpClient.newHttpClient();
  volatile boolean requireEncryption = true;
  volatile boolean tamper;
  volatile boolean omitFinalToken;
  volatile int connectionsAuthenticated;

  /**
   * A peer on 127.0.0.1.
   *
   * @param acceptors a fresh acceptor by HTTP scheme ({@code Negotiate}, {@code Kerberos})
   */
  NegotiatePeer(WsmanListener upstream, Map<String, Supplier<SecurityContext>> acceptors)
      throws IOException {
    this.upstream = upstream;
    this.acceptors = acceptors;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/wsman", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  String uri(String host) {
    return "http://" + host + ":" + server.getAddress().getPort() + "/wsman";
  }

  List<Seen> wire() {
    synchronized (wire) {
      return List.copyOf(wire);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      String authz = ex.getRequestHeaders().getFirst("Authorization");
      wire.add(new Seen(type, authz, body));
      InetSocketAddress peer = ex.getRemoteAddress();
      SecurityContext ctx = contexts.get(peer);
      String scheme = null;
      if (authz != null) {
        int sp = authz.indexOf(' ');
        scheme = authz.substring(0, sp);
        byte[] token = Base64.getDecoder().decode(authz.substring(sp + 1));
        if (ctx == null || ctx.isEstablished()) {
          Supplier<SecurityContext> f = acceptors.get(scheme);
          if (f == null) {
            challenge(ex, null, null);
            return;
          }
          ctx = f.get();
          contexts.put(peer, ctx);
        }
        byte[] out;
        try {
          out = ctx.step(token);
        } catch (SecurityContextException e) {
          contexts.remove(peer);
          challenge(ex, null, null);
          return;
        }
        if (!ctx.isEstablished()) {
          challenge(ex, scheme, out);
          return;
        }
        connectionsAuthenticated++;
        if (out != null && !omitFinalToken) {
          ex.getResponseHeaders().add("WWW-Authenticate", scheme + " " + b64(out));
        }
      }
      if (ctx == null || !ctx.isEstablished()) {
        challenge(ex, null, null);
        return;
      }
      if (body.length == 0) {
        ex.sendResponseHeaders(200, -1);
        return;
      }
      boolean sealed = type != null && type.startsWith("multipart/encrypted");
      if (!sealed && requireEncryption) {
        ex.sendResponseHeaders(400, -1);
        return;
      }
      String protocol = null;
      if (sealed) {
        EncryptedMessage m = EncryptedMessage.decode(type, body, 1 << 24);
        protocol = m.protocol();
        body = m.unseal(ctx);
      }
      HttpResponse<byte[]> up = forward(body);
      byte[] answer = up.body();
      String answerType = up.headers().firstValue("Content-Type").orElse("application/soap+xml");
      if (sealed) {
        EncryptedMessage m = EncryptedMessage.seal(ctx, protocol, answer);
        if (tamper) {
          SealedMessage s = m.sealed();
          byte[] data = s.data().clone();
          data[data.length / 2] ^= 1;
          m =
              new EncryptedMessage(
                  protocol, new SealedMessage(s.header(), data), m.originalLength());
        }
        answer = m.encode();
        answerType = m.contentType();
      }
      ex.getResponseHeaders().add("Content-Type", answerType);
      ex.sendResponseHeaders(up.statusCode(), answer.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(answer);
      }
    } catch (RuntimeException | InterruptedException e) {
      ex.sendResponseHeaders(500, -1);
    }
  }

  private HttpResponse<byte[]> forward(byte[] soap) throws IOException, InterruptedException {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (Listeners.USER + ":" + Listeners.PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest r =
        HttpRequest.newBuilder(upstream.httpUri())
            .header("Content-Type", "application/soap+xml;charset=UTF-8")
            .header("Authorization", "Basic " + basic)
            .POST(HttpRequest.BodyPublishers.ofByteArray(soap))
            .build();
    return http.send(r, HttpResponse.BodyHandlers.ofByteArray());
  }

  private void challenge(HttpExchange ex, String scheme, byte[] token) throws IOException {
    if (token != null) {
      ex.getResponseHeaders().add("WWW-Authenticate", scheme + " " + b64(token));
    } else {
      for (String s : acceptors.keySet()) {
        ex.getResponseHeaders().add("WWW-Authenticate", s);
      }
    }
    ex.sendResponseHeaders(401, -1);
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
    contexts.values().forEach(SecurityContext::close);
  }
}
