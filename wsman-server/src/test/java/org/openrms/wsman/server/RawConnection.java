package org.openrms.wsman.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One raw HTTP/1.1 connection to a listener, so tests can see that the connection survives. */
final class RawConnection implements AutoCloseable {
  /** One answer: status, headers (lower-case names) and body. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawConnection(URI endpoint) throws IOException {
    this(endpoint, null);
  }

  /** A connection from {@code localAddress} (e.g. 127.0.0.2, another loopback address). */
  RawConnection(URI endpoint, String localAddress) throws IOException {
    socket =
        localAddress == null
            ? new Socket(endpoint.getHost(), endpoint.getPort())
            : new Socket(
                endpoint.getHost(),
                endpoint.getPort(),
                java.net.InetAddress.getByName(localAddress),
                0);
    socket.setSoTimeout(15_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** POSTs {@code body} to /wsman with these extra headers (name, value, name, value …). */
  Answer post(byte[] body, String... headers) throws IOException {
    return send("POST", "/wsman", body, headers);
  }

  Answer post(String body, String... headers) throws IOException {
    return post(body.getBytes(StandardCharsets.UTF_8), headers);
  }

  Answer send(String method, String path, byte[] body, String... headers) throws IOException {
    return send(method, path, "application/soap+xml;charset=UTF-8", body, headers);
  }

  /** POSTs {@code body} with this Content-Type (none when null). */
  Answer postTyped(String contentType, byte[] body, String... headers) throws IOException {
    return send("POST", "/wsman", contentType, body, headers);
  }

  private Answer send(
      String method, String path, String contentType, byte[] body, String... headers)
      throws IOException {
    StringBuilder h = new StringBuilder();
    h.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
    if (contentType != null) {
      h.append("Content-Type: ").append(contentType).append("\r\n");
    }
    h.append("Content-Length: ").append(body.length).append("\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      h.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    h.append("\r\n");
    out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    return read();
  }

  /** Writes a raw request head (no body follows) and reads the answer. */
  Answer sendHead(String head) throws IOException {
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return read();
  }

  private Answer read() throws IOException {
    String status = line();
    if (status == null) {
      throw new IOException("connection closed");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    String line;
    while (!(line = line()).isEmpty()) {
      int colon = line.indexOf(':');
      // a repeated header (WWW-Authenticate) is joined with ", ", as HTTP allows
      headers.merge(
          line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip(),
          (x, y) -> x + ", " + y);
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Answer(Integer.parseInt(status.split(" ")[1]), headers, body);
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  /** Whether the server has closed the connection (reads end of stream within a short time). */
  boolean closedByServer() throws IOException {
    socket.setSoTimeout(2_000);
    try {
      return in.read() == -1;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
