package org.openrms.rms.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.openrms.auth.BasicCredentials;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.core.wire.RmsPaths;
import org.openrms.core.wire.WireJson;
import org.openrms.rms.client.GroupIdType;

/**
 * JSON over HTTP(S) to the rights server with the JDK {@link HttpClient}: TLS with the client's
 * trust anchors only, redirects never followed, HTTP Basic (or, for {@code PASSPORT} sessions, the
 * OpenID Connect ID token as {@code Bearer}) built here and sent preemptively over HTTPS only. Over
 * plain HTTP credentials are refused ({@link HResult#E_DRM_AUTHENTICATION_FAILED}, nothing sent)
 * unless the client opted in with {@code allowBasicOverHttp(true)}.
 *
 * <p>{@code WINDOWS_AUTH} requests without explicit credentials use the logged-on identity, as
 * Windows does: the default principal of the Kerberos ticket cache, sent as {@code Negotiate}
 * ({@link NegotiateRound}, HTTPS only, the server's AP-REP verified). Explicit credentials go as
 * Basic, or as {@code Negotiate} with a ticket got with the password if so configured.
 */
public final class RmsHttp {
  private static final Pattern COMPACT_JWS =
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  private final HttpClient http;
  private final TrustAnchors trust;
  private final ClientSettings settings;
  private final BooleanSupplier clientClosed;

  RmsHttp(ClientSettings settings, TrustAnchors trust, BooleanSupplier clientClosed) {
    this.settings = settings;
    this.trust = trust;
    this.clientClosed = clientClosed;
    this.http =
        HttpClient.newBuilder()
            .sslContext(trust.sslContext())
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** Starts a GET; the future can be cancelled. */
  CompletableFuture<HttpResponse<String>> get(URI url) {
    HttpRequest req =
        HttpRequest.newBuilder(url)
            .timeout(settings.requestTimeout())
            .header("Accept", RmsPaths.JSON + ", " + RmsPaths.PROBLEM_JSON)
            .GET()
            .build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /**
   * Starts an authenticated POST of a JSON body: with the ID token as {@code Bearer} for a {@code
   * PASSPORT} session of a client that has an ID token supplier, else with the Basic credentials
   * (if any).
   *
   * @throws DrmException {@link HResult#E_DRM_AUTHENTICATION_FAILED} before anything is sent if
   *     credentials would go over plain HTTP without {@code allowBasicOverHttp(true)}, or the ID
   *     token supplier gives no usable token
   */
  CompletableFuture<HttpResponse<String>> post(URI url, Object body, GroupIdType type) {
    byte[] json;
    try {
      json = WireJson.writer().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName(), e);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(settings.requestTimeout())
            .header("Content-Type", RmsPaths.JSON)
            .header("Accept", RmsPaths.JSON + ", " + RmsPaths.PROBLEM_JSON)
            .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    boolean bearer = type == GroupIdType.PASSPORT && settings.idToken() != null;
    NegotiateRound round = null;
    if (clientClosed.getAsBoolean()) {
      // a closed client sends no credentials
    } else if (bearer) {
      requireCredentialsAllowed(url);
      b.header("Authorization", "Bearer " + idToken(settings.idToken()));
    } else if (settings.login() != null && settings.kerberos().forCredentials()) {
      requireHttps(url);
      round =
          NegotiateRound.fromPassword(
              settings.kerberos(), url, settings.login(), settings.password());
    } else if (settings.login() != null && settings.ntlmForCredentials()) {
      requireHttps(url);
      return NtlmExchange.send(
          ntlmClient(), b, url, settings.login(), settings.password(), settings.requestTimeout());
    } else if (settings.login() != null) {
      requireCredentialsAllowed(url);
      b.header("Authorization", basic(settings.login(), settings.password()));
    } else if (type == GroupIdType.WINDOWS_AUTH && isHttps(url)) {
      round = NegotiateRound.fromTicketCache(settings.kerberos(), url).orElse(null);
    }
    if (round == null) {
      return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
    NegotiateRound r = round;
    b.header("Authorization", r.header());
    CompletableFuture<HttpResponse<String>> sent;
    try {
      sent = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
    return sent.thenApply(
            resp -> {
              r.verify(resp);
              return resp;
            })
        .whenComplete((resp, failure) -> r.close());
  }

  /**
   * A dedicated HTTP/1.1 client for one NTLM exchange: its only connection carries both rounds, as
   * NTLM authenticates the connection.
   */
  private HttpClient ntlmClient() {
    return HttpClient.newBuilder()
        .sslContext(trust.sslContext())
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  private static boolean isHttps(URI url) {
    return "https".equalsIgnoreCase(url.getScheme());
  }

  /** Kerberos goes over HTTPS only: the rights API has no message encryption. */
  private static void requireHttps(URI url) {
    if (!isHttps(url)) {
      throw new RmsFailure(
          HResult.E_DRM_AUTHENTICATION_FAILED,
          "refusing to authenticate with Negotiate to " + url + "; Negotiate goes over https only",
          null,
          null);
    }
  }

  /**
   * Waits for a response and turns failures into their HRESULT ({@link HResultTable}).
   *
   * @throws java.util.concurrent.CancellationException if the future was cancelled
   * @throws InterruptedException if interrupted while waiting
   */
  static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> f, URI url)
      throws InterruptedException {
    HttpResponse<String> r;
    try {
      r = f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DrmException d) {
        throw d; // the answer was judged already (a server that did not prove its identity)
      }
      throw HResultTable.forTransport(e.getCause(), url.toString());
    }
    DrmException failure =
        HResultTable.forStatus(
                r.statusCode(), r.body(), r.headers().firstValue("Location"), url.toString())
            .orElse(null);
    if (failure != null) {
      throw failure;
    }
    return r;
  }

  /** Parses a success body. */
  static <T> T parse(HttpResponse<String> r, Class<T> type) {
    return parseBody(r.body(), type, String.valueOf(r.uri()));
  }

  /**
   * Parses a success body from {@code where}.
   *
   * @throws DrmException {@link HResult#E_DRM_INVALID_SERVER_RESPONSE} if it is not a {@code type}
   */
  static <T> T parseBody(String body, Class<T> type, String where) {
    if (body == null || body.isBlank()) {
      throw HResultTable.invalidResponse("an empty body from " + where, null);
    }
    try {
      T value = WireJson.reader().forType(type).readValue(body);
      if (value == null) {
        throw HResultTable.invalidResponse("an empty body from " + where, null);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw HResultTable.invalidResponse(
          "the body from " + where + " is not a " + type.getSimpleName(), e);
    }
  }

  /** Refuses credentials over anything but HTTPS, unless the client opted in for plain HTTP. */
  private void requireCredentialsAllowed(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https") || (scheme.equals("http") && settings.allowBasicOverHttp())) {
      return;
    }
    throw new RmsFailure(
        HResult.E_DRM_AUTHENTICATION_FAILED,
        "refusing to send credentials over plain HTTP to "
            + url
            + "; use an https: URL (or, for tests and lab setups only,"
            + " RightsClient.Builder.allowBasicOverHttp(true))",
        null,
        null);
  }

  /**
   * The token the supplier hands, checked to be a compact JWS (three base64url parts): anything
   * else could not be a token, and must not reach a header. Nothing of it is put in a message.
   */
  private static String idToken(Supplier<String> supplier) {
    String token;
    try {
      token = supplier.get();
    } catch (RuntimeException e) {
      throw new RmsFailure(
          HResult.E_DRM_AUTHENTICATION_FAILED,
          "the ID token supplier failed (" + e.getClass().getSimpleName() + ")",
          null,
          null);
    }
    if (token == null || token.isBlank()) {
      throw new RmsFailure(
          HResult.E_DRM_AUTHENTICATION_FAILED, "the ID token supplier gave no token", null, null);
    }
    token = token.strip();
    if (!COMPACT_JWS.matcher(token).matches()) {
      throw new RmsFailure(
          HResult.E_DRM_AUTHENTICATION_FAILED,
          "the ID token is not a compact JWT (three base64url parts)",
          null,
          null);
    }
    return token;
  }

  /** The Basic header, built by the shared codec; a login it cannot encode fails authentication. */
  private static String basic(String login, char[] password) {
    try {
      return BasicCredentials.encode(login, password);
    } catch (IllegalArgumentException e) {
      throw new RmsFailure(HResult.E_DRM_AUTHENTICATION_FAILED, e.getMessage(), null, null);
    }
  }
}
