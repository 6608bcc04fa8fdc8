package org.openrms.wsman.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;

/**
 * An HTTP/1.1 relay in front of a real listener that misbehaves on purpose: for each request it
 * reads from the client it opens a connection to the listener, forwards the request, reads the
 * whole response and then, as {@link #rule} says, relays it, relays it and closes the client's
 * connection (a service closing an idle kept-alive connection), or closes the client's connection
 * without answering (a service that carried the request out and then lost the connection).
 */
final class Relay implements AutoCloseable {
  /** What to do with a response. */
  enum Verdict {
    RELAY,
    RELAY_THEN_CLOSE,
    DROP
  }

  private final ServerSocket server;
  private final URI target;
  private final BiFunction<String, String, Verdict> rule;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

  /** Counts down each time the relay closed a client connection by its rule. */
  final CountDownLatch closedOne = new CountDownLatch(1);

  /**
   * A relay to {@code target} (the listener's HTTP URI).
   *
   * @param rule the verdict for (request body, response body)
   */
  Relay(URI target, BiFunction<String, String, Verdict> rule) throws IOException {
    this.target = target;
    this.rule = rule;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "relay-accept");
    t.setDaemon(true);
    t.start();
  }

  /** The URI a session uses to go through the relay. */
  String uri() {
    return "http://127.0.0.1:" + server.getLocalPort() + target.getPath();
  }

  /** The request bodies forwarded to the listener, in order. */
  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** How many forwarded requests carried {@code action} (a wsa:Action URI). */
  long count(String action) {
    return requests().stream().filter(b -> b.contains(">" + action + "<")).count();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread t = new Thread(() -> serve(client), "relay-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        Message request = Message.read(in, true);
        if (request == null) {
          return;
        }
        requests.add(request.body());
        Message response;
        try (Socket up = new Socket(target.getHost(), target.getPort())) {
          up.getOutputStream().write(request.raw());
          up.getOutputStream().flush();
          response = Message.read(up.getInputStream(), false);
        }
        if (response == null) {
          return;
        }
        Verdict v = rule.apply(request.body(), response.body());
        if (v == Verdict.DROP) {
          closedOne.countDown();
          return;
        }
        out.write(response.raw());
        out.flush();
        if (v == Verdict.RELAY_THEN_CLOSE) {
          closedOne.countDown();
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  /** One HTTP/1.1 message: its bytes as they came, and its body as text. */
  private record Message(byte[] raw, String body) {
    /** Reads a message; null at the end of the stream before one starts. */
    static Message read(InputStream in, boolean request) throws IOException {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      List<String> head = new ArrayList<>();
      for (String line; !(line = line(in, raw, head.isEmpty())).isEmpty(); ) {
        head.add(line);
      }
      if (head.isEmpty()) {
        return null;
      }
      long length = -1;
      boolean chunked = false;
      for (String h : head.subList(1, head.size())) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(h.substring(15).strip());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (chunked) {
        while (true) {
          String size = line(in, raw, false);
          int n = Integer.parseInt(size.split(";")[0].strip(), 16);
          if (n == 0) {
            while (!line(in, raw, false).isEmpty()) {
              // trailers
            }
            break;
          }
          copy(in, n, raw, body);
          line(in, raw, false);
        }
      } else if (length > 0) {
        copy(in, length, raw, body);
      } else if (length < 0 && !request) {
        in.transferTo(body);
        raw.writeBytes(body.toByteArray());
      }
      return new Message(raw.toByteArray(), body.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, long n, ByteArrayOutputStream raw, OutputStream body)
        throws IOException {
      byte[] b = in.readNBytes((int) n);
      if (b.length < n) {
        throw new EOFException("the message ended early");
      }
      raw.writeBytes(b);
      body.write(b);
    }

    /** A line without its CRLF; an empty string at the end of the stream when {@code first}. */
    private static String line(InputStream in, ByteArrayOutputStream raw, boolean first)
        throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      while (true) {
        int c = in.read();
        if (c < 0) {
          if (first && line.size() == 0) {
            return "";
          }
          throw new EOFException("the message ended early");
        }
        raw.write(c);
        if (c == '\n') {
          String s = line.toString(StandardCharsets.ISO_8859_1);
          return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
        line.write(c);
      }
    }
  }
}
