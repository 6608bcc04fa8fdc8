package org.openrms.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.openrms.core.Pem;

/**
 * The OAuth 2.0 Device Authorization Grant (RFC 8628) against an OpenID Connect provider:
 * discovery, the device code request, and polling the token endpoint until the user approved,
 * denied or let the code expire. The ID token is returned, never printed. Sleeping and time are
 * injectable.
 */
public final class DeviceFlow {
  /** The device-code grant type of RFC 8628. */
  public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

  /** Waits between polls. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** What the flow reports while it runs (never a token or device code). */
  public interface Listener {
    /** Show the user where to go and which code to enter. */
    void prompt(Authorization a);

    /** One more poll answered {@code authorization_pending}. */
    void pending(int polls, Duration interval);

    /** The issuer asked to poll less often; {@code interval} is the new interval. */
    void slowDown(Duration interval);
  }

  /** A failure of the flow with the exit code the CLI should use; the message names the cause. */
  public static final class Failure extends Exception {
    private final int exitCode;

    public Failure(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }

    public Failure(int exitCode, String message, Throwable cause) {
      super(message, cause);
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  /** The endpoints found by discovery. */
  public record Endpoints(URI deviceAuthorization, URI token) {}

  /** The device authorization response (the device code is secret and not in toString). */
  public record Authorization(
      String deviceCode,
      String userCode,
      URI verificationUri,
      URI verificationUriComplete,
      Duration expiresIn,
      Duration interval) {
    @Override
    public String toString() {
      return "Authorization[userCode=" + userCode + ", verificationUri=" + verificationUri + "]";
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final Sleeper sleeper;
  private final Clock clock;

  public DeviceFlow(HttpClient http, Sleeper sleeper, Clock clock) {
    this.http = http;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /** An HTTP client trusting the CA certificates of {@code trustPem}, else the JDK default. */
  public static HttpClient httpClient(Path trustPem) throws IOException {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NEVER);
    if (trustPem != null) {
      List<X509Certificate> cas =
          Pem.decodeChain(Files.readString(trustPem, StandardCharsets.US_ASCII));
      try {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
          ks.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        b.sslContext(ctx);
      } catch (java.security.GeneralSecurityException e) {
        throw new IOException("cannot build a trust store from " + trustPem + ": " + e, e);
      }
    }
    return b.build();
  }

  /** Runs the whole flow and returns the ID token. */
  public String login(URI issuer, String clientId, String scope, Listener listener)
      throws Failure, InterruptedException {
    Endpoints e = discover(issuer);
    Authorization a = authorize(e, clientId, scope);
    listener.prompt(a);
    return poll(e, clientId, a, listener);
  }

  /** Reads {@code ISSUER/.well-known/openid-configuration}; both device endpoints must be there. */
  public Endpoints discover(URI issuer) throws Failure, InterruptedException {
    requireHttps(issuer, "--issuer");
    String base = stripSlash(issuer.toString());
    URI config = URI.create(base + "/.well-known/openid-configuration");
    HttpResponse<String> r =
        send(HttpRequest.newBuilder(config).GET().header("Accept", "application/json"), config);
    if (r.statusCode() != 200) {
      throw new Failure(
          ExitCodes.SERVER, "discovery at " + config + " answered HTTP " + r.statusCode());
    }
    JsonNode doc = json(r, config);
    String declared = text(doc, "issuer");
    if (declared != null && !stripSlash(declared).equals(base)) {
      throw new Failure(
          ExitCodes.SERVER,
          "the discovery document names the issuer " + declared + ", not " + issuer);
    }
    URI device = endpoint(doc, "device_authorization_endpoint", config);
    URI token = endpoint(doc, "token_endpoint", config);
    return new Endpoints(device, token);
  }

  /** Requests a device code and a user code. */
  public Authorization authorize(Endpoints e, String clientId, String scope)
      throws Failure, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", clientId);
    if (scope != null && !scope.isBlank()) {
      form.put("scope", scope);
    }
    HttpResponse<String> r = post(e.deviceAuthorization(), form);
    JsonNode doc = json(r, e.deviceAuthorization());
    if (r.statusCode() != 200) {
      throw new Failure(
          ExitCodes.IDENTITY,
          "the device authorization request was refused: " + oauthError(doc, r.statusCode()));
    }
    String deviceCode = text(doc, "device_code");
    String userCode = text(doc, "user_code");
    String uri = text(doc, "verification_uri");
    if (uri == null) {
      uri = text(doc, "verification_url"); // some providers use the draft's name
    }
    if (deviceCode == null || userCode == null || uri == null) {
      throw new Failure(
          ExitCodes.SERVER,
          "the device authorization response lacks device_code, user_code or verification_uri");
    }
    String complete = text(doc, "verification_uri_complete");
    long expires = doc.path("expires_in").asLong(0);
    long interval = doc.path("interval").asLong(5);
    return new Authorization(
        deviceCode,
        userCode,
        URI.create(uri),
        complete == null ? null : URI.create(complete),
        Duration.ofSeconds(expires > 0 ? expires : 600),
        Duration.ofSeconds(Math.max(interval, 1)));
  }

  /**
   * Polls the token endpoint every interval (plus 5 s per {@code slow_down}) until the user
   * approved, denied, or the code expired.
   */
  public String poll(Endpoints e, String clientId, Authorization a, Listener listener)
      throws Failure, InterruptedException {
    Instant deadline = clock.instant().plus(a.expiresIn());
    Duration interval = a.interval();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", GRANT_TYPE);
    form.put("device_code", a.deviceCode());
    form.put("client_id", clientId);
    int polls = 0;
    while (true) {
      if (!clock.instant().plus(interval).isBefore(deadline)) {
        throw new Failure(
            ExitCodes.FAILED,
            "the code expired before it was approved (after "
                + a.expiresIn().toSeconds()
                + " s);"
                + " run openrms login again");
      }
      sleeper.sleep(interval);
      polls++;
      HttpResponse<String> r = post(e.token(), form);
      JsonNode doc = json(r, e.token());
      if (r.statusCode() == 200) {
        String idToken = text(doc, "id_token");
        if (idToken == null) {
          throw new Failure(
              ExitCodes.SERVER, "the token response has no id_token (is \"openid\" in --scope?)");
        }
        return idToken;
      }
      String error = text(doc, "error");
      if ("authorization_pending".equals(error)) {
        listener.pending(polls, interval);
      } else if ("slow_down".equals(error)) {
        interval = interval.plusSeconds(5);
        listener.slowDown(interval);
      } else if ("access_denied".equals(error)) {
        throw new Failure(ExitCodes.IDENTITY, "the sign-in was denied (access_denied)");
      } else if ("expired_token".equals(error)) {
        throw new Failure(
            ExitCodes.FAILED,
            "the code expired before it was approved (expired_token); run openrms login again");
      } else {
        throw new Failure(
            ExitCodes.IDENTITY, "the token endpoint refused: " + oauthError(doc, r.statusCode()));
      }
    }
  }

  private HttpResponse<String> post(URI uri, Map<String, String> form)
      throws Failure, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(
                en ->
                    URLEncoder.encode(en.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(en.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        uri);
  }

  private HttpResponse<String> send(HttpRequest.Builder b, URI uri)
      throws Failure, InterruptedException {
    try {
      return http.send(
          b.timeout(REQUEST_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (SSLHandshakeException e) {
      throw new Failure(
          ExitCodes.CONNECTION,
          "TLS with "
              + uri.getHost()
              + ":"
              + uri.getPort()
              + " failed: its certificate is not trusted or not for that host (give its CA"
              + " with --trust CA.pem)",
          e);
    } catch (ConnectException e) {
      throw new Failure(ExitCodes.CONNECTION, "cannot connect to " + origin(uri), e);
    } catch (IOException e) {
      throw new Failure(
          ExitCodes.CONNECTION, "request to " + origin(uri) + " failed: " + e.getMessage(), e);
    }
  }

  private static JsonNode json(HttpResponse<String> r, URI uri) throws Failure {
    try {
      JsonNode n = JSON.readTree(r.body());
      if (n == null || !n.isObject()) {
        throw new IOException("not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new Failure(
          ExitCodes.SERVER, uri + " answered HTTP " + r.statusCode() + " without a JSON object");
    }
  }

  private static URI endpoint(JsonNode doc, String name, URI config) throws Failure {
    String v = text(doc, name);
    if (v == null) {
      throw new Failure(
          ExitCodes.SERVER,
          "the issuer does not offer the device flow: no " + name + " in " + config);
    }
    URI u;
    try {
      u = URI.create(v);
    } catch (IllegalArgumentException e) {
      throw new Failure(ExitCodes.SERVER, name + " is not a URL: " + v);
    }
    if (!"https".equalsIgnoreCase(u.getScheme())) {
      throw new Failure(ExitCodes.SERVER, name + " is not https: " + v);
    }
    return u;
  }

  private static void requireHttps(URI u, String what) throws Failure {
    if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
      throw new Failure(ExitCodes.USAGE, what + " must be an https:// URL: " + u);
    }
  }

  private static String oauthError(JsonNode doc, int status) {
    String error = text(doc, "error");
    String desc = text(doc, "error_description");
    return (error == null ? "HTTP " + status : error) + (desc == null ? "" : " (" + desc + ")");
  }

  private static String text(JsonNode doc, String name) {
    JsonNode n = doc.get(name);
    return n != null && n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
  }

  private static String origin(URI u) {
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
