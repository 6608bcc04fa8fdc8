package org.openrms.wsman.client;

import java.io.ByteArrayOutputStream;
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

/**
 * A TCP relay in front of a listener that keeps every byte both ways: one upstream connection per
 * client connection, so connection-bound authentication passes through; what went over the wire can
 * then be searched for text that must not be in clear.
 */
final class Capture implements AutoCloseable {
  private final ServerSocket server;
  private final URI target;
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

  Capture(URI target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "capture-accept");
    t.setDaemon(true);
    t.start();
  }

  /** The URI that goes through the relay, with {@code host} as the address. */
  String uri(String host) {
    return "http://" + host + ":" + server.getLocalPort() + target.getPath();
  }

  /** What clients sent, as ISO-8859-1 text. */
  String sent() {
    synchronized (sent) {
      return sent.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** What the listener answered, as ISO-8859-1 text. */
  String received() {
    synchronized (received) {
      return received.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket up = new Socket(target.getHost(), target.getPort());
        sockets.add(client);
        sockets.add(up);
        pipe(client.getInputStream(), up.getOutputStream(), sent, up);
        pipe(up.getInputStream(), client.getOutputStream(), received, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void pipe(InputStream in, OutputStream out, ByteArrayOutputStream log, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              try {
                for (int n; (n = in.read(buf)) > 0; ) {
                  synchronized (log) {
                    log.write(buf, 0, n);
                  }
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side went away
              }
              try {
                to.shutdownOutput();
              } catch (IOException e) {
                // already closed
              }
            },
            "capture-pipe");
    t.setDaemon(true);
    t.start();
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
}
