package org.openrms.rms.client.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.openrms.auth.Ntlm;
import org.openrms.auth.NtlmCredentials;
import org.openrms.auth.NtlmOptions;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.core.HResult;

/**
 * One request's NTLM exchange under {@code Negotiate} (raw NTLMSSP, as Windows sends to a server
 * that offers it), on a dedicated HTTP/1.1 client so every round goes on the same kept-alive
 * connection: a GET learns the server's TLS certificate (for the channel bindings), the request
 * goes with the NEGOTIATE message, and the answer's {@code WWW-Authenticate: Negotiate <CHALLENGE>}
 * in a 401 is answered by the request again with the AUTHENTICATE message. Any other answer is
 * returned as is (a 401 without challenge, or to the AUTHENTICATE round, is a refused account).
 * Tokens and the password are never logged.
 */
final class NtlmExchange {
  private static final String SCHEME = "Negotiate ";

  private NtlmExchange() {}

  static CompletableFuture<HttpResponse<String>> send(
      HttpClient client,
      HttpRequest.Builder request,
      URI url,
      String login,
      char[] password,
      Duration timeout) {
    HttpRequest probe =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .version(HttpClient.Version.HTTP_1_1)
            .GET()
            .build();
    request.version(HttpClient.Version.HTTP_1_1);
    return client
        .sendAsync(probe, HttpResponse.BodyHandlers.discarding())
        .thenCompose(
            answer -> {
              SecurityContext ctx = initiator(login, password, serverCertificate(answer));
              try {
                return rounds(client, request, ctx).whenComplete((r, failure) -> ctx.close());
              } catch (RuntimeException e) {
                ctx.close();
                throw e;
              }
            });
  }

  private static CompletableFuture<HttpResponse<String>> rounds(
      HttpClient client, HttpRequest.Builder request, SecurityContext ctx) {
    byte[] negotiate = step(ctx, null);
    return sendWith(client, request, negotiate)
        .thenCompose(
            first -> {
              String challenge = challenge(first);
              if (first.statusCode() != 401 || challenge == null) {
                return CompletableFuture.completedFuture(first);
              }
              byte[] in;
              try {
                in = Base64.getDecoder().decode(challenge);
              } catch (IllegalArgumentException e) {
                throw failure("the server's NTLM challenge is not base64", e);
              }
              return sendWith(client, request, step(ctx, in));
            });
  }

  private static CompletableFuture<HttpResponse<String>> sendWith(
      HttpClient client, HttpRequest.Builder request, byte[] token) {
    HttpRequest r =
        request
            .setHeader("Authorization", SCHEME + Base64.getEncoder().encodeToString(token))
            .build();
    return client.sendAsync(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String challenge(HttpResponse<?> response) {
    return response.headers().allValues("WWW-Authenticate").stream()
        .map(String::strip)
        .filter(v -> v.regionMatches(true, 0, SCHEME, 0, SCHEME.length()))
        .map(v -> v.substring(SCHEME.length()).strip())
        .filter(v -> !v.isEmpty())
        .findFirst()
        .orElse(null);
  }

  private static byte[] step(SecurityContext ctx, byte[] in) {
    try {
      return ctx.step(in);
    } catch (SecurityContextException | IllegalArgumentException e) {
      throw failure("NTLM failed: " + e.getMessage(), e);
    }
  }

  private static SecurityContext initiator(
      String login, char[] password, X509Certificate certificate) {
    NtlmOptions.Builder options = NtlmOptions.builder();
    if (certificate != null) {
      options.tlsServerCertificate(certificate);
    }
    try (NtlmCredentials c = NtlmCredentials.parse(login, password)) {
      return Ntlm.initiator(c, options.build());
    } catch (SecurityContextException | IllegalArgumentException e) {
      throw failure("cannot use " + login + " for NTLM: " + e.getMessage(), e);
    }
  }

  /** The server's leaf certificate of the probe's TLS session, or null if there is none. */
  private static X509Certificate serverCertificate(HttpResponse<?> answer) {
    SSLSession session = answer.sslSession().orElse(null);
    if (session == null) {
      return null;
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  private static RmsFailure failure(String why, Throwable cause) {
    return new RmsFailure(HResult.E_DRM_AUTHENTICATION_FAILED, why, null, cause);
  }
}
