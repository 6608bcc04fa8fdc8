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
          public boolean handle(Request request, Response response, Callback callback) {
            String path = request.getHttpURI().getPath();
            String body;
            if (path.equals("/idp/.well-known/openid-configuration")) {
              body =
                  "{\"issuer\":\""
                      + issuer()
                      + "\",\"jwks_uri\":\""
                      + issuer()
                      + "/jwks\",\"id_token_signing_alg_values_supported\":[\"ES256\"]}";
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
