package org.openrms.wsman.client;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.openrms.wsman.client.internal.Hosts;

/**
 * The {@code connection} argument of {@link WSMan#createSession}, parsed: {@code
 * <Transport><Address><Suffix>}, that is {@code [http://|https://]host[:port][/suffix]}.
 *
 * <ul>
 *   <li>Transport: {@code http://} or {@code https://} (case-insensitive). Without one, {@code
 *       https} if the session has {@link SessionFlag#USE_SSL}, otherwise {@code http}.
 *   <li>Address: a host name, an IPv4 address, or an IPv6 address in brackets ({@code
 *       [E3D7::51F4:9BC8:C0A8:6420]}), then an optional {@code :port}; the default port is 5985 for
 *       http and 5986 for https.
 *   <li>Suffix: the path of the service; {@code /wsman} when absent.
 *   <li>A {@code null} or empty string is the local computer: {@code http://localhost:5985/wsman}.
 * </ul>
 *
 * Malformed strings are rejected with an {@link IllegalArgumentException} that names the problem.
 * Nothing is resolved: the host is kept as written, since it is also the name an HTTPS server
 * certificate must match.
 */
public final class ConnectionString {
  /** The default port of the http transport. */
  public static final int HTTP_PORT = 5985;

  /** The default port of the https transport. */
  public static final int HTTPS_PORT = 5986;

  /** The default suffix (WinRM's URLPrefix). */
  public static final String DEFAULT_SUFFIX = "/wsman";

  /** The host of the local computer, used for an empty connection string. */
  public static final String LOCAL_HOST = "localhost";

  private final boolean https;
  private final String host;
  private final boolean ipv6;
  private final int port;
  private final String suffix;

  private ConnectionString(boolean https, String host, boolean ipv6, int port, String suffix) {
    this.https = https;
    this.host = host;
    this.ipv6 = ipv6;
    this.port = port;
    this.suffix = suffix;
  }

  /** Parses a connection string with the http default transport. */
  public static ConnectionString parse(String connection) {
    return parse(connection, false);
  }

  /**
   * Parses a connection string.
   *
   * @param connection the string; {@code null} or empty for the local computer
   * @param useSsl the transport when the string names none: https if true (the {@link
   *     SessionFlag#USE_SSL} flag), http otherwise; an explicit {@code http://} with {@code useSsl}
   *     is a conflict
   * @throws IllegalArgumentException naming what is malformed
   */
  public static ConnectionString parse(String connection, boolean useSsl) {
    if (connection == null || connection.isEmpty()) {
      return new ConnectionString(
          useSsl, LOCAL_HOST, false, useSsl ? HTTPS_PORT : HTTP_PORT, DEFAULT_SUFFIX);
    }
    for (int i = 0; i < connection.length(); i++) {
      char c = connection.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw bad(connection, "whitespace or control character at index " + i);
      }
    }
    String rest = connection;
    boolean https = useSsl;
    int sep = rest.indexOf("://");
    if (sep >= 0) {
      String scheme = rest.substring(0, sep).toLowerCase(Locale.ROOT);
      if (scheme.equals("https")) {
        https = true;
      } else if (scheme.equals("http")) {
        if (useSsl) {
          throw bad(connection, "the UseSsl flag conflicts with the http:// transport");
        }
        https = false;
      } else {
        throw bad(
            connection,
            "unknown transport '" + rest.substring(0, sep) + "' (only http and https are allowed)");
      }
      rest = rest.substring(sep + 3);
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    for (char c : new char[] {'?', '#', '@', '\\'}) {
      if (rest.indexOf(c) >= 0) {
        throw bad(connection, "character '" + c + "' is not allowed");
      }
    }
    String host;
    String portText = null;
    boolean ipv6 = false;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw bad(connection, "IPv6 address without closing ']'");
      }
      host = authority.substring(1, close);
      if (host.isEmpty()) {
        throw bad(connection, "empty host");
      }
      if (Hosts.parseIpv6(host) == null) {
        throw bad(connection, "'" + host + "' is not a valid IPv6 address");
      }
      ipv6 = true;
      String after = authority.substring(close + 1);
      if (after.startsWith(":")) {
        portText = after.substring(1);
      } else if (!after.isEmpty()) {
        throw bad(connection, "unexpected '" + after + "' after the IPv6 address");
      }
    } else {
      int colon = authority.indexOf(':');
      if (colon >= 0 && authority.indexOf(':', colon + 1) >= 0) {
        throw bad(
            connection,
            "an IPv6 address must be written in brackets, as in https://[" + authority + "]");
      }
      host = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? null : authority.substring(colon + 1);
      if (host.isEmpty()) {
        throw bad(connection, "empty host");
      }
      if (Hosts.looksLikeIpv4(host)) {
        if (!Hosts.isIpv4(host)) {
          throw bad(connection, "'" + host + "' is not a valid IPv4 address");
        }
      } else {
        String problem = Hosts.hostNameProblem(host);
        if (problem != null) {
          throw bad(connection, problem);
        }
      }
    }
    int port = https ? HTTPS_PORT : HTTP_PORT;
    if (portText != null) {
      port = parsePort(connection, portText);
    }
    String suffix = path.isEmpty() || path.equals("/") ? DEFAULT_SUFFIX : path;
    if (suffix.contains("//")) {
      throw bad(connection, "empty segment in suffix '" + suffix + "'");
    }
    for (int i = 0; i < suffix.length(); i++) {
      char c = suffix.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~!$&'()*+,;=:/".indexOf(c) >= 0;
      if (!ok) {
        throw bad(connection, "character '" + c + "' not allowed in suffix '" + suffix + "'");
      }
    }
    return new ConnectionString(https, host, ipv6, port, suffix);
  }

  private static int parsePort(String connection, String text) {
    if (text.isEmpty()) {
      throw bad(connection, "empty port after ':'");
    }
    if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw bad(connection, "port '" + text + "' is not a number from 1 to 65535");
    }
    int port = Integer.parseInt(text);
    if (port < 1 || port > 65535) {
      throw bad(connection, "port " + port + " is out of range 1..65535");
    }
    return port;
  }

  private static IllegalArgumentException bad(String connection, String problem) {
    return new IllegalArgumentException(
        "malformed connection string '" + connection + "': " + problem);
  }

  /** {@code "https"} or {@code "http"}. */
  public String scheme() {
    return https ? "https" : "http";
  }

  /** True for the https transport. */
  public boolean isHttps() {
    return https;
  }

  /**
   * The host as written, without brackets for IPv6: the name an HTTPS server certificate must
   * match.
   */
  public String host() {
    return host;
  }

  /** True if the host is an IPv6 literal. */
  public boolean isIpv6() {
    return ipv6;
  }

  /** The host as it appears in a URI: IPv6 literals in brackets. */
  public String address() {
    return ipv6 ? "[" + host + "]" : host;
  }

  /** The port, explicit or the transport's default. */
  public int port() {
    return port;
  }

  /** The path of the service, {@code /wsman} by default. */
  public String suffix() {
    return suffix;
  }

  /** True if the host is {@code localhost}, {@code 127.0.0.1} or {@code [::1]}. */
  public boolean isLoopback() {
    return Hosts.isLoopback(host);
  }

  /** The endpoint URI, such as {@code https://[e3d7::1]:9999/wsman}. */
  public URI toUri() {
    return URI.create(scheme() + "://" + address() + ":" + port + suffix);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectionString c
        && https == c.https
        && ipv6 == c.ipv6
        && port == c.port
        && host.equals(c.host)
        && suffix.equals(c.suffix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(https, host, ipv6, port, suffix);
  }

  /** The endpoint URI as text. */
  @Override
  public String toString() {
    return toUri().toString();
  }
}
