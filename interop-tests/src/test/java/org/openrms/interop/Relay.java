package org.openrms.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 in front of a listener that records every byte each way: the capture
 * that shows what a peer really put on the wire (e.g. that no SOAP travels in clear).
 */
final class Relay implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
  private final ByteArrayOutputStream toClient = new ByteArrayOutputStream();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  Relay(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::accept, "interop-relay");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(upstream);
        pipe(client.getInputStream(), upstream.getOutputStream(), toServer, upstream);
        pipe(upstream.getInputStream(), client.getOutputStream(), toClient, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void pipe(
      InputStream in, OutputStream out, ByteArrayOutputStream capture, Socket peer) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[16384];
              try {
                for (int n; (n = in.read(buf)) != -1; ) {
                  synchronized (capture) {
                    capture.write(buf, 0, n);
                  }
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // the other side went away
              } finally {
                try {
                  peer.shutdownOutput();
                } catch (IOException e) {
                  // already closed
                }
              }
            },
            "interop-relay-pipe");
    t.setDaemon(true);
    t.start();
  }

  /** Everything the clients sent, as Latin-1 text (binary bytes kept one to one). */
  String sentToServer() {
    synchronized (toServer) {
      return toServer.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** Everything the listener answered. */
  String sentToClient() {
    synchronized (toClient) {
      return toClient.toString(StandardCharsets.ISO_8859_1);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
