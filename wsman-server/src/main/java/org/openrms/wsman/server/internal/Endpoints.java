package org.openrms.wsman.server.internal;

import org.eclipse.jetty.server.Request;

/** The listener URL as one request reached it, for addresses written in responses. */
final class Endpoints {
  private Endpoints() {}

  /**
   * The URL this request reached: its scheme, the Host it named (when that is a plain host name or
   * IP literal, else the local address), and the Host's port (else the port the connection came in
   * on).
   */
  static String of(Request request) {
    String host = Request.getServerName(request);
    if (host == null || !host.matches("[A-Za-z0-9._-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]")) {
      host = Request.getLocalAddr(request);
    }
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    int port = request.getHttpURI().getPort();
    if (port <= 0) {
      port = Request.getLocalPort(request);
    }
    return (request.isSecure() ? "https" : "http") + "://" + host + ":" + port + WsmanHandler.PATH;
  }
}
