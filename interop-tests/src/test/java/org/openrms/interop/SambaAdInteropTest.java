package org.openrms.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.HResult;
import org.openrms.core.Pem;
import org.openrms.rms.client.ActivationFlag;
import org.openrms.rms.client.ActivationServiceInfo;
import org.openrms.rms.client.ClientSession;
import org.openrms.rms.client.GroupIdType;
import org.openrms.rms.client.RightsClient;
import org.openrms.rms.client.StatusCallback;
import org.openrms.rms.server.LdapDirectoryConfig;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;

/**
 * The whole Windows-auth path against a real Active Directory: a Samba AD DC provisioned on
 * loopback ({@code samba-ad.sh}), users made with {@code samba-tool}, MIT {@code kinit} for the
 * user, and the SDK as the logged-on user (the kinit'ed ticket cache) against a rights server that
 * accepts Negotiate with a keytab exported from Samba (AES only) and looks the principal up in AD
 * over LDAP ({@code userPrincipalName}): the RAC carries the user's AD {@code mail}; a user without
 * {@code mail} gets {@code E_DRM_AD_ENTRY_NOT_FOUND}.
 */
class SambaAdInteropTest {
  @TempDir static Path tmp;
  static Path sambaDir;
  static Map<String, String> ad;
  static RightsServer server;

  @BeforeAll
  static void start() {
    KerberosInfra.jdkKrb5Conf();
    Peers.require(KerberosInfra.onPath("kinit"), "kinit", "apt-get install krb5-user");
    Peers.require(
        "root".equals(System.getProperty("user.name")),
        "root (Samba binds ports below 1024)",
        "run the interop tests as root, as CI does");
    sambaDir = tmp.resolve("samba");
    ad =
        KerberosInfra.run(
            "samba-ad.sh",
            "apt-get install samba-ad-dc samba-ad-provision",
            "start",
            sambaDir.toString());
    LdapDirectoryConfig directory =
        LdapDirectoryConfig.builder(
                LdapDirectoryConfig.Flavor.ACTIVE_DIRECTORY,
                "127.0.0.1",
                Integer.parseInt(ad.get("LDAP_PORT")),
                ad.get("BASE_DN"))
            .serviceAccount(ad.get("BIND_DN"), ad.get("BIND_PASSWORD").toCharArray())
            .plainLdap(true)
            .build();
    server =
        RightsServer.start(
            RightsServerConfig.builder()
                .dataDirectory(tmp.resolve("data"))
                .ldapDirectory(directory)
                .kerberos(ad.get("SPN"), Path.of(ad.get("KEYTAB")))
                .build());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    KerberosInfra.stop("samba-ad.sh", sambaDir);
  }

  /** Activates machine and user as the kinit'ed {@code principal}; returns the terminal events. */
  private static List<Object[]> activateAs(String principal, String password, String groupId)
      throws Exception {
    String name = principal.substring(0, principal.indexOf('@'));
    Path ccache =
        KerberosInfra.kinit(ad.get("KRB5_CONFIG"), principal, password, tmp.resolve("cc-" + name));
    URI base = URI.create("https://localhost:" + server.port() + "/rms/v1");
    List<Object[]> events = new ArrayList<>();
    StatusCallback record = (msg, hr, param, ctx) -> events.add(new Object[] {hr, param});
    try (RightsClient client =
        RightsClient.builder()
            .serviceUrl(base)
            .trustedRoots(List.of(server.rootCertificate()))
            .storeDirectory(tmp.resolve("store-" + name))
            .kerberosTicketCache(ccache)
            .build()) {
      try (ClientSession m =
          client.createClientSession((a, b, c, d) -> {}, 0, GroupIdType.WINDOWS_AUTH, null)) {
        assertThat(
                m.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, null)
                    .await(Duration.ofSeconds(60)))
            .isEqualTo(HResult.S_DRM_COMPLETED);
      }
      try (ClientSession u =
          client.createClientSession(record, 0, GroupIdType.WINDOWS_AUTH, groupId)) {
        u.activate(
                EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT),
                ActivationServiceInfo.of(URI.create(base + "/certification")),
                null)
            .await(Duration.ofSeconds(60));
      }
    }
    return events;
  }

  @Test
  void aKinitUserGetsARacWithItsAdMail() throws Exception {
    List<Object[]> events =
        activateAs(ad.get("USER"), ad.get("USER_PASSWORD"), ad.get("USER_MAIL"));
    Object[] last = events.get(events.size() - 1);
    assertThat(last[0]).isEqualTo(HResult.S_DRM_COMPLETED);
    X509Certificate rac = Pem.decodeChain((String) last[1]).get(0);
    assertThat(rac.getSubjectAlternativeNames()).containsExactly(List.of(1, ad.get("USER_MAIL")));
  }

  @Test
  void aUserWithoutMailIsAdEntryNotFound() throws Exception {
    List<Object[]> events =
        activateAs(ad.get("NOMAIL_USER"), ad.get("NOMAIL_PASSWORD"), "dave@example.com");
    assertThat(events.get(events.size() - 1)[0]).isEqualTo(HResult.E_DRM_AD_ENTRY_NOT_FOUND);
  }

  @Test
  void afterKinitTheOpenrmsActivateCommandGetsARacWithTheAdMail() throws Exception {
    String principal = ad.get("USER");
    Path ccache =
        KerberosInfra.kinit(
            ad.get("KRB5_CONFIG"), principal, ad.get("USER_PASSWORD"), tmp.resolve("cc-cli"));
    String base = "https://localhost:" + server.port() + "/rms/v1";
    String store = tmp.resolve("store-cli").toString();
    String trust = server.rootCertificateFile().toString();
    for (String[] extra : new String[][] {{"--machine"}, {"--group-id", ad.get("USER_MAIL")}}) {
      java.util.List<String> args =
          new java.util.ArrayList<>(
              java.util.List.of(
                  "activate",
                  "--auth",
                  "kerberos",
                  "--server",
                  base,
                  "--trust",
                  trust,
                  "--store",
                  store,
                  "--ticket-cache",
                  ccache.toString(),
                  "--spn",
                  ad.get("SPN")));
      args.addAll(java.util.List.of(extra));
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();
      int code =
          org.openrms.cli.Main.run(
              args.toArray(String[]::new),
              new java.io.PrintWriter(out, true),
              new java.io.PrintWriter(err, true));
      assertThat(code).as(out + "\n" + err).isZero();
    }
    java.io.StringWriter out = new java.io.StringWriter();
    int code =
        org.openrms.cli.Main.run(
            new String[] {"licenses", "--store", store},
            new java.io.PrintWriter(out, true),
            new java.io.PrintWriter(new java.io.StringWriter(), true));
    assertThat(code).isZero();
    assertThat(out.toString()).contains(ad.get("USER_MAIL"));
  }
}
