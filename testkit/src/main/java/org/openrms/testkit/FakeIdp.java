package org.openrms.testkit;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A fake OpenID Connect provider as a Jetty handler on {@code https://127.0.0.1:PORT/idp} (a test
 * CA's certificate): the discovery document, the JWKS (counting its fetches), and tokens minted
 * with its current Nimbus EC key. {@link #rotate(String)} replaces the published key.
 */
public final class FakeIdp implements AutoCloseable {
  /** The client id (audience) of every token. */
  public static final String CLIENT_ID = "openrms-test-client";

  /** The CA and certificate of the HTTPS endpoint. */
  public final TestTls tls;

  /** How often the JWKS was fetched. */
  public final AtomicInteger jwksFetches = new AtomicInteger();

  /** How the device flow's token endpoint answers once {@link #devicePendingPolls} are used up. */
  public enum DeviceOutcome {
    /** Issue the ID token. */
    APPROVE,
    /** Answer access_denied. */
    DENY,
    /** Answer expired_token. */
    EXPIRE
  }

  /** Device flow: polls answered authorization_pending (or slow_down) before the outcome. */
  public final AtomicInteger devicePendingPolls = new AtomicInteger();

  /** Device flow: the poll numbers (1-based) that answer slow_down instead of pending. */
  public final java.util.Set<Integer> deviceSlowDownAt =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Device flow: token-endpoint polls seen. */
  public final AtomicInteger devicePolls = new AtomicInteger();

  /** Device flow: the outcome after the pending polls. */
  public volatile DeviceOutcome deviceOutcome = DeviceOutcome.APPROVE;

  /** Device flow: the e-mail of the issued token. */
  public volatile String deviceEmail = "fox@example.com";

  /** Device flow: the polling interval announced, in seconds. */
  public volatile int deviceInterval = 5;

  /** Device flow: the ID token issued on approval. */
  public volatile String deviceIssuedToken;

  /** Device flow: whether discovery advertises the device authorization endpoint. */
  public volatile boolean deviceEndpointAdvertised = true;

  /** Device flow: the device code handed out. */
  public static final String DEVICE_CODE = "dev-code-secret";

  /** Device flow: the user code handed out. */
  public static final String USER_CODE = "WDJB-MJHT";

  private final Server jetty;
  private volatile ECKey key;

  private FakeIdp(TestTls tls) throws Exception {
    this.tls = tls;
    this.key = newKey("key-1");
    jetty = new Server();
    HttpConfiguration http = new HttpConfiguration();
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    http.addCustomizer(secure);
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(tls.serverKeyStore());
    ssl.setKeyStorePassword(new String(TestTls.PASSWORD));
    ServerConnector c =
        new ServerConnector(
            jetty, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    c.setHost("127.0.0.1");
    c.setPort(0);
    jetty.addConnector(c);
    jetty.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            String path = request.getHttpURI().getPath();
            String body;
            if (path.equals("/idp/.well-known/openid-configuration")) {
              body =
                  "{\"issuer\":\""
                      + issuer()
                      + "\",\"jwks_uri\":\""
                      + issuer()
                      + "/jwks\",\"token_endpoint\":\""
                      + issuer()
                      + "/token\","
                      + (deviceEndpointAdvertised
                          ? "\"device_authorization_endpoint\":\"" + issuer() + "/device\","
                          : "")
                      + "\"id_token_signing_alg_values_supported\":[\"ES256\"]}";
            } else if (path.equals("/idp/device") && request.getMethod().equals("POST")) {
              java.util.Map<String, String> form = form(request);
              if (!CLIENT_ID.equals(form.get("client_id"))) {
                response.setStatus(400);
                body = "{\"error\":\"invalid_client\"}";
              } else {
                body =
                    "{\"device_code\":\""
                        + DEVICE_CODE
                        + "\",\"user_code\":\""
                        + USER_CODE
                        + "\",\"verification_uri\":\""
                        + issuer()
                        + "/activate\",\"verification_uri_complete\":\""
                        + issuer()
                        + "/activate?user_code="
                        + USER_CODE
                        + "\",\"expires_in\":600,\"interval\":"
                        + deviceInterval
                        + "}";
              }
            } else if (path.equals("/idp/token") && request.getMethod().equals("POST")) {
              java.util.Map<String, String> form = form(request);
              if (!"urn:ietf:params:oauth:grant-type:device_code".equals(form.get("grant_type"))
                  || !DEVICE_CODE.equals(form.get("device_code"))
                  || !CLIENT_ID.equals(form.get("client_id"))) {
                response.setStatus(400);
                body = "{\"error\":\"invalid_grant\"}";
              } else {
                int n = devicePolls.incrementAndGet();
                if (n <= devicePendingPolls.get()) {
                  response.setStatus(400);
                  body =
                      deviceSlowDownAt.contains(n)
                          ? "{\"error\":\"slow_down\"}"
                          : "{\"error\":\"authorization_pending\"}";
                } else if (deviceOutcome == DeviceOutcome.DENY) {
                  response.setStatus(400);
                  body = "{\"error\":\"access_denied\"}";
                } else if (deviceOutcome == DeviceOutcome.EXPIRE) {
                  response.setStatus(400);
                  body = "{\"error\":\"expired_token\"}";
                } else {
                  deviceIssuedToken = token(deviceEmail);
                  body =
                      "{\"access_token\":\"at-secret\",\"token_type\":\"Bearer\","
                          + "\"expires_in\":300,\"id_token\":\""
                          + deviceIssuedToken
                          + "\"}";
                }
              }
            } else if (path.equals("/idp/jwks")) {
              jwksFetches.incrementAndGet();
              body = new JWKSet(key.toPublicJWK()).toString();
            } else {
              Response.writeError(request, response, callback, 404);
              return true;
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(
                true, java.nio.ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
          }
        });
    jetty.start();
  }

  private static java.util.Map<String, String> form(Request request) throws Exception {
    String text = org.eclipse.jetty.io.Content.Source.asString(request, StandardCharsets.UTF_8);
    java.util.Map<String, String> m = new java.util.HashMap<>();
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        m.put(
            java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  /** Starts a provider with its own test CA. */
  public static FakeIdp start() throws Exception {
    return new FakeIdp(TestTls.create());
  }

  /** The issuer identifier. */
  public String issuer() {
    return "https://127.0.0.1:"
        + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort()
        + "/idp";
  }

  public URI issuerUri() {
    return URI.create(issuer());
  }

  /** The key tokens are signed with now. */
  public ECKey currentKey() {
    return key;
  }

  /** Publishes a new key (the old one is gone from the JWKS) and signs with it from now on. */
  public ECKey rotate(String kid) throws Exception {
    key = newKey(kid);
    return key;
  }

  public static ECKey newKey(String kid) throws Exception {
    return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
  }

  /** A valid ID token for {@code email} (verified), customizable. */
  public String token(String email, Consumer<JWTClaimsSet.Builder> custom) throws Exception {
    return sign(key, claims(email, custom));
  }

  public String token(String email) throws Exception {
    return token(email, c -> {});
  }

  public JWTClaimsSet claims(String email, Consumer<JWTClaimsSet.Builder> custom) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder()
            .issuer(issuer())
            .audience(CLIENT_ID)
            .subject("sub-" + email)
            .claim("email", email)
            .claim("email_verified", true)
            .claim("name", "Test " + email)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    custom.accept(b);
    return b.build();
  }

  public static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }
}
