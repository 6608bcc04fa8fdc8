package org.openrms.rms.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openrms.core.wire.CertificationRequest;
import org.openrms.core.wire.MachineActivationRequest;
import org.openrms.core.wire.WireJson;

/** Helpers shared by the server tests: start servers, talk to them, make keys. */
final class TestSupport {
  static final String PASSWORD = "correct horse battery staple";

  private TestSupport() {}

  /** A server on an ephemeral loopback port with cheap password hashing. */
  static RightsServer start(Path dir, Consumer<RightsServerConfig.Builder> custom) {
    RightsServerConfig.Builder b =
        RightsServerConfig.builder().dataDirectory(dir).passwordHashIterations(1_000);
    custom.accept(b);
    return RightsServer.start(b.build());
  }

  static RightsServer start(Path dir) {
    return start(dir, b -> {});
  }

  /** Adds an enabled, verified user {@code login} with e-mail {@code login@example.com}. */
  static void addUser(RightsServer server, String login) {
    server
        .directory()
        .addUser(
            NewUser.builder(login)
                .email(login + "@example.com")
                .displayName("User " + login)
                .password(PASSWORD.toCharArray())
                .verified(true)
                .build());
  }

  /** An HTTP client that trusts exactly this root (no trust-all). */
  static HttpClient client(X509Certificate root) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("root", root);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return HttpClient.newBuilder()
          .sslContext(ctx)
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpClient client(RightsServer server) {
    return client(server.rootCertificate());
  }

  static String basic(String login, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> get(HttpClient client, URI uri) {
    return send(client, HttpRequest.newBuilder(uri).GET().build());
  }

  static HttpResponse<String> post(HttpClient client, URI uri, String auth, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return send(client, b.build());
  }

  static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static URI uri(RightsServer server, String path) {
    return URI.create(server.baseUri() + path);
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return WireJson.reader().readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + response.body(), e);
    }
  }

  static String toJson(Object value) {
    try {
      return WireJson.writer().writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A wire record as a JSON object tree (to take fields out or change them). */
  static ObjectNode toTree(Object value) {
    try {
      return (ObjectNode) WireJson.reader().readTree(toJson(value));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ecKey(String curve) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(curve));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair p256() {
    return ecKey("secp256r1");
  }

  static String fingerprint(String seed) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A correctly signed activation request for {@code keys}. */
  static MachineActivationRequest activationRequest(KeyPair keys, long timestamp) {
    String pub = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    MachineActivationRequest unsigned =
        new MachineActivationRequest(pub, fingerprint("host-1"), "host-1", timestamp, null);
    return new MachineActivationRequest(
        pub,
        unsigned.fingerprint(),
        unsigned.hostName(),
        timestamp,
        sign(keys, unsigned.signedBytes()));
  }

  static String sign(KeyPair keys, byte[] data) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(keys.getPrivate());
      s.update(data);
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Activates a machine for {@code keys} as {@code login}; returns the PEM machine chain. */
  static String activate(RightsServer server, HttpClient client, String login, KeyPair keys) {
    HttpResponse<String> r =
        post(
            client,
            uri(server, "/activation"),
            basic(login, PASSWORD),
            toJson(activationRequest(keys, System.currentTimeMillis())));
    if (r.statusCode() != 200) {
      throw new IllegalStateException("activation failed: " + r.statusCode() + " " + r.body());
    }
    return json(r).get("certificateChain").asText();
  }

  static HttpResponse<String> certify(
      RightsServer server, HttpClient client, String auth, String chain, boolean temporary) {
    return post(
        client,
        uri(server, "/certification"),
        auth,
        toJson(new CertificationRequest(chain, temporary, "WINDOWS_AUTH")));
  }

  /** A clock whose time the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
