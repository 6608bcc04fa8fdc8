package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.EnvelopeBuilder;
import org.openrms.wsman.EnvelopeReader;
import org.openrms.wsman.EnvelopeWriter;
import org.openrms.wsman.ResourceCreated;
import org.openrms.wsman.WsmanErrorCode;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.server.LocalAccounts;
import org.openrms.wsman.server.WsmanListener;
import org.openrms.wsman.server.WsmanListenerConfig;

/** The rights server managed over WS-Management: a real listener in front of a real server. */
class ManagementResourcesTest {
  private static final String ADMIN = "admin";
  private static final String ADMIN_PW = "admin-Passw0rd";

  @TempDir Path tmp;
  private RightsServer server;
  private WsmanListener listener;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = TestSupport.start(tmp.resolve("data"));
    WsmanListenerConfig.Builder config =
        WsmanListenerConfig.builder()
            .accounts(LocalAccounts.empty().withAccount(ADMIN, ADMIN_PW.toCharArray()))
            .allowUnencrypted(true);
    RightsManagement.resources(server).forEach(config::resource);
    listener = WsmanListener.start(config.build());
  }

  @AfterEach
  void stop() {
    listener.close();
    server.close();
  }

  private static QName u(String local) {
    return new QName(RightsManagement.NAMESPACE, local, "u");
  }

  private Envelope send(EnvelopeBuilder request) throws Exception {
    byte[] body = new EnvelopeWriter().toBytes(request.build());
    String auth =
        Base64.getEncoder()
            .encodeToString((ADMIN + ":" + ADMIN_PW).getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(listener.httpUri())
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .header("Authorization", "Basic " + auth)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isIn(200, 500);
    return new EnvelopeReader(EnvelopeReader.Limits.DEFAULT, false).read(r.body());
  }

  private static EnvelopeBuilder request(String uri, String action) {
    return Envelope.request("http://localhost/wsman", uri, action);
  }

  private static XmlElement user(String login, String password, String email) {
    XmlElement.Builder b =
        XmlElement.builder(u("User"))
            .namespace("u", RightsManagement.NAMESPACE)
            .child(u("Login"), login);
    if (password != null) {
      b.child(u("Password"), password);
    }
    if (email != null) {
      b.child(u("Email"), email);
    }
    return b.build();
  }

  private static long faultCode(Envelope e) {
    return e.fault().orElseThrow(() -> new AssertionError("no fault: " + e)).wsmanCode();
  }

  @Test
  void createGetPutDeleteAnAccountChangesTheRealDirectory() throws Exception {
    Envelope created =
        send(
            request(RightsManagement.USER_URI, Actions.CREATE)
                .body(user("carol", "Carol-pw-1", "carol@example.com")));
    ResourceCreated ref = ResourceCreated.from(created.bodyElement().orElseThrow()).orElseThrow();
    assertThat(ref.resourceUri()).isEqualTo(RightsManagement.USER_URI);
    assertThat(ref.selectors()).containsEntry(RightsManagement.LOGIN_SELECTOR, "carol");
    assertThat(server.directory().authenticate("carol", "Carol-pw-1".toCharArray())).isPresent();

    XmlElement got =
        send(request(RightsManagement.USER_URI, Actions.GET)
                .selector(RightsManagement.LOGIN_SELECTOR, "carol"))
            .bodyElement()
            .orElseThrow();
    assertThat(got.childText(u("Email"))).contains("carol@example.com");
    assertThat(got.childText(u("Enabled"))).contains("true");
    assertThat(got.child(u("Password"))).isEmpty();

    XmlElement disable =
        XmlElement.builder(u("User"))
            .namespace("u", RightsManagement.NAMESPACE)
            .child(u("Enabled"), "false")
            .child(u("EmailVerified"), "false")
            .build();
    XmlElement put =
        send(request(RightsManagement.USER_URI, Actions.PUT)
                .selector(RightsManagement.LOGIN_SELECTOR, "carol")
                .body(disable))
            .bodyElement()
            .orElseThrow();
    assertThat(put.childText(u("Enabled"))).contains("false");
    UserRecord stored = server.directory().find("carol").orElseThrow();
    assertThat(stored.enabled()).isFalse();
    assertThat(stored.verified()).isFalse();

    Envelope deleted =
        send(
            request(RightsManagement.USER_URI, Actions.DELETE)
                .selector(RightsManagement.LOGIN_SELECTOR, "carol"));
    assertThat(deleted.isFault()).isFalse();
    assertThat(server.directory().find("carol")).isEmpty();
    Envelope gone =
        send(
            request(RightsManagement.USER_URI, Actions.GET)
                .selector(RightsManagement.LOGIN_SELECTOR, "carol"));
    assertThat(faultCode(gone)).isEqualTo(WsmanErrorCode.INVALID_SELECTORS.value());
  }

  @Test
  void creatingAnExistingLoginFailsAndKeepsTheStoredAccount() throws Exception {
    send(request(RightsManagement.USER_URI, Actions.CREATE).body(user("dave", "Dave-pw-1", null)));
    Envelope again =
        send(
            request(RightsManagement.USER_URI, Actions.CREATE)
                .body(user("dave", "other-password", "dave@example.com")));
    assertThat(again.isFault()).isTrue();
    assertThat(server.directory().authenticate("dave", "Dave-pw-1".toCharArray())).isPresent();
    assertThat(server.directory().find("dave").orElseThrow().email()).isNull();
  }

  @Test
  void badBodiesAndSelectorsGetSchemaAndSelectorFaults() throws Exception {
    Envelope noPassword =
        send(request(RightsManagement.USER_URI, Actions.CREATE).body(user("erin", null, null)));
    assertThat(faultCode(noPassword)).isEqualTo(WsmanErrorCode.SCHEMA_VALIDATION_ERROR.value());
    assertThat(server.directory().find("erin")).isEmpty();

    Envelope badBool =
        send(
            request(RightsManagement.USER_URI, Actions.CREATE)
                .body(
                    user("erin", "pw-Erin-1", null).toBuilder()
                        .child(u("Enabled"), "maybe")
                        .build()));
    assertThat(faultCode(badBool)).isEqualTo(WsmanErrorCode.SCHEMA_VALIDATION_ERROR.value());
    assertThat(server.directory().find("erin")).isEmpty();

    Envelope noSelector = send(request(RightsManagement.USER_URI, Actions.GET));
    assertThat(faultCode(noSelector)).isEqualTo(WsmanErrorCode.INVALID_SELECTORS.value());
  }

  @Test
  void serverStatusReportsTheRealIdentityAndCounters() throws Exception {
    server.directory().addUser(NewUser.builder("f1").password("pw-f1-xx".toCharArray()).build());
    server
        .directory()
        .addUser(NewUser.builder("f2").password("pw-f2-xx".toCharArray()).enabled(false).build());
    XmlElement status =
        send(request(RightsManagement.SERVER_URI, Actions.GET)).bodyElement().orElseThrow();
    assertThat(status.childText(u("ServerId"))).contains(server.serverId());
    assertThat(status.childText(u("ServiceUrl"))).contains(server.baseUri().toString());
    assertThat(status.childText(u("Users"))).contains("2");
    assertThat(status.childText(u("EnabledUsers"))).contains("1");
    String sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(server.rootCertificate().getEncoded()));
    assertThat(status.childText(u("RootCertificateSha256"))).contains(sha);
  }

  @Test
  void managementNeedsTheListenersCredentials() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(listener.httpUri().toString()))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        new EnvelopeWriter()
                            .toBytes(
                                request(RightsManagement.USER_URI, Actions.CREATE)
                                    .body(user("mallory", "Mallory-pw-1", null))
                                    .build())))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(server.directory().find("mallory")).isEmpty();
  }
}
