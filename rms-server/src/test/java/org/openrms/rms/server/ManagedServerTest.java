package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.WsmanFaultException;
import org.openrms.wsman.client.ConnectionOptions;
import org.openrms.wsman.client.Enumerator;
import org.openrms.wsman.client.Session;
import org.openrms.wsman.client.SessionFlag;
import org.openrms.wsman.client.WSMan;
import org.openrms.wsman.client.WsmanAuthenticationException;
import org.openrms.wsman.client.WsmanCertificateException;
import org.openrms.wsman.server.LocalAccounts;

/** A rights server started with management on, driven by our WS-Management client over HTTPS. */
class ManagedServerTest {
  private static final String ADMIN = "admin";
  private static final String ADMIN_PW = "admin-Passw0rd";

  @TempDir Path tmp;
  private RightsServer server;

  @BeforeEach
  void start() {
    server =
        TestSupport.start(
            tmp.resolve("data"),
            b -> b.management(0, LocalAccounts.empty().withAccount(ADMIN, ADMIN_PW.toCharArray())));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private KeyStore trustRoot() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("root", server.rootCertificate());
    return ks;
  }

  private Session session(String password) throws Exception {
    ConnectionOptions options =
        ConnectionOptions.builder().userName(ADMIN).password(password.toCharArray()).build();
    return WSMan.builder()
        .trustStore(trustRoot())
        .build()
        .createSession(
            server.managementUri().orElseThrow().toString(),
            EnumSet.of(SessionFlag.USE_BASIC, SessionFlag.CRED_USERNAME_PASSWORD),
            options);
  }

  @Test
  void managementListensOnHttpsWithTheServersCertificate() throws Exception {
    URI uri = server.managementUri().orElseThrow();
    assertThat(uri.getScheme()).isEqualTo("https");
    try (Session s = session(ADMIN_PW)) {
      IdentifyResponse id = s.identify();
      assertThat(id.productVendor()).isEqualTo("OpenRMS");
      assertThat(id.securityProfiles()).anyMatch(p -> p.endsWith("https/basic"));
    }
  }

  @Test
  void theServersCertificateIsRefusedWithoutItsRoot() {
    ConnectionOptions options =
        ConnectionOptions.builder().userName(ADMIN).password(ADMIN_PW.toCharArray()).build();
    try (Session s =
        WSMan.builder()
            .build()
            .createSession(
                server.managementUri().orElseThrow().toString(),
                EnumSet.of(SessionFlag.USE_BASIC),
                options)) {
      assertThatThrownBy(s::identify).isInstanceOf(WsmanCertificateException.class);
    }
  }

  @Test
  void enumerateListsEveryDirectoryAccountAcrossPulls() throws Exception {
    for (String login : List.of("u1", "u2", "u3", "u4", "u5")) {
      server
          .directory()
          .addUser(NewUser.builder(login).password(("pw-" + login + "-x").toCharArray()).build());
    }
    List<String> items = new ArrayList<>();
    try (Session s = session(ADMIN_PW)) {
      s.setBatchItems(2);
      try (Enumerator e = s.enumerate(RightsManagement.USER_URI)) {
        while (!e.atEndOfStream()) {
          items.add(e.readItem());
        }
      }
    }
    assertThat(items).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(items.get(i)).contains(">u" + (i + 1) + "<").doesNotContain("pbkdf2");
    }
  }

  @Test
  void theManagementListenerRunsNoCommands() throws Exception {
    try (Session s = session(ADMIN_PW)) {
      assertThatThrownBy(() -> s.openShell().close())
          .isInstanceOf(WsmanFaultException.DestinationUnreachable.class);
    }
  }

  @Test
  void aWrongAdministratorPasswordIsRefused() throws Exception {
    try (Session s = session("wrong-password")) {
      assertThatThrownBy(() -> s.get(RightsManagement.SERVER_URI))
          .isInstanceOf(WsmanAuthenticationException.class);
    }
  }

  @Test
  void closingTheServerClosesTheManagementListener() throws Exception {
    URI uri = server.managementUri().orElseThrow();
    server.close();
    try (java.net.Socket socket = new java.net.Socket()) {
      assertThatThrownBy(
              () ->
                  socket.connect(
                      new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 2000))
          .isInstanceOf(java.io.IOException.class);
    }
  }
}
