package org.openrms.rms.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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

  /**
   * One server for all tests of a class, registered as {@code @RegisterExtension static final} next
   * to the class's {@code @TempDir static Path} (which JUnit fills in first): started in {@code
   * <dir>/data} before the first test ({@link #start(Path)}) with the given users ({@link
   * #addUser}), closed after the last one; {@link #client()} trusts its root.
   */
  static final class SharedServer implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<Path> dir;
    private final List<String> logins;
    private RightsServer server;
    private HttpClient client;

    SharedServer(Supplier<Path> dir, String... logins) {
      this.dir = dir;
      this.logins = List.of(logins);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
      server = start(dir.get().resolve("data"));
      client = TestSupport.client(server);
      for (String login : logins) {
        addUser(server, login);
      }
    }

    @Override
    public void afterAll(ExtensionContext context) {
      if (server != null) {
        server.close();
      }
    }

    RightsServer server() {
      return server;
    }

    HttpClient client() {
      return client;
    }

    /** GET {@code path} under the base URI with {@link #client()}. */
    HttpResponse<String> get(String path) {
      return TestSupport.get(client, uri(server, path));
    }

    /** POST a JSON {@code body} to {@code path} under the base URI; {@code auth} may be null. */
    HttpResponse<String> post(String path, String auth, String body) {
      return TestSupport.post(client, uri(server, path), auth, body);
    }
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

  /** The Basic {@code Authorization} of user alice ({@link #addUser}) with the right password. */
  static String alice() {
    return basic("alice", PASSWORD);
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

  /** A fresh, correctly signed activation request as JSON: a new P-256 key, timestamp now. */
  static String activationBody() {
    return toJson(activationRequest(p256(), System.currentTimeMillis()));
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

  /** The GET of the service root, as raw HTTP/1.1. */
  static final String RAW_GET_ROOT = "GET /rms/v1 HTTP/1.1\r\nHost: x\r\n\r\n";

  /** A POST of {@code body} to {@code path} under {@code /rms/v1}, as raw HTTP/1.1. */
  static String rawPost(String path, String contentType, String body) {
    return "POST /rms/v1"
        + path
        + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
        + contentType
        + "\r\nContent-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  /** One answer read off a raw connection: its status line and its body. */
  record RawAnswer(String statusLine, String body) {}

  /**
   * Writes raw HTTP/1.1 {@code requests} (ASCII, pipelined) on one connection to the server's port
   * and reads {@code count} answers, each with a {@code Content-Length} body.
   */
  static List<RawAnswer> exchange(RightsServer server, String requests, int count)
      throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(requests.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      List<RawAnswer> answers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String statusLine = in.readLine();
        int length = 0;
        String line;
        while (!(line = in.readLine()).isEmpty()) {
          if (line.toLowerCase().startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).strip());
          }
        }
        char[] content = new char[length];
        int read = 0;
        while (read < length) {
          read += in.read(content, read, length - read);
        }
        answers.add(new RawAnswer(statusLine, new String(content)));
      }
      return answers;
    }
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
