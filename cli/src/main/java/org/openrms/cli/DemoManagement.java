package org.openrms.cli;

import java.io.PrintWriter;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openrms.rms.server.RightsManagement;
import org.openrms.rms.server.RightsServer;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.client.ConnectionOptions;
import org.openrms.wsman.client.Enumerator;
import org.openrms.wsman.client.ResourceLocator;
import org.openrms.wsman.client.Session;
import org.openrms.wsman.client.SessionFlag;
import org.openrms.wsman.client.WSMan;

/** Step 7 of {@code openrms demo}: the rights server managed with our WS-Management client. */
final class DemoManagement {
  static final String NEW_USER = "bob@example.com";

  private DemoManagement() {}

  static void run(RightsServer server, String admin, char[] password, PrintWriter out)
      throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("root", server.rootCertificate());
    try (ConnectionOptions options =
            ConnectionOptions.builder().userName(admin).password(password).build();
        Session session =
            WSMan.builder()
                .trustStore(trust)
                .build()
                .createSession(
                    server.managementUri().orElseThrow().toString(),
                    EnumSet.of(SessionFlag.USE_BASIC, SessionFlag.CRED_USERNAME_PASSWORD),
                    options)) {
      IdentifyResponse id = session.identify();
      out.println(
          "   Identify: "
              + id.productVendor()
              + " "
              + id.productVersion()
              + ", profiles "
              + id.securityProfiles());
      String status = session.get(RightsManagement.SERVER_URI);
      out.println(
          "   Get Server: id "
              + field(status, "ServerId")
              + ", "
              + field(status, "Users")
              + " user(s)");
      // The Create body carries the new account's password, so it travels only over this HTTPS
      // session; the demo never uses it again.
      String user =
          "<u:User xmlns:u=\""
              + RightsManagement.NAMESPACE
              + "\"><u:Login>"
              + NEW_USER
              + "</u:Login><u:Password>"
              + new String(DemoCommand.randomPassword())
              + "</u:Password><u:Email>"
              + NEW_USER
              + "</u:Email><u:EmailVerified>true</u:EmailVerified></u:User>";
      session.create(RightsManagement.USER_URI, user);
      out.println("   Create User: " + NEW_USER + " added to the directory");
      List<String> logins = new ArrayList<>();
      try (Enumerator users = session.enumerate(RightsManagement.USER_URI)) {
        while (!users.atEndOfStream()) {
          logins.add(field(users.readItem(), "Login"));
        }
      }
      out.println("   Enumerate User: " + logins);
      String bob =
          session.get(
              ResourceLocator.builder(RightsManagement.USER_URI)
                  .selector(RightsManagement.LOGIN_SELECTOR, NEW_USER)
                  .build());
      out.println(
          "   Get User "
              + NEW_USER
              + ": enabled "
              + field(bob, "Enabled")
              + ", e-mail verified "
              + field(bob, "EmailVerified"));
      if (!logins.contains(NEW_USER) || server.directory().find(NEW_USER).isEmpty()) {
        throw new IllegalStateException("the account created over WS-Management is missing");
      }
    }
  }

  /** The text of the first element with this local name, whatever its prefix. */
  static String field(String xml, String localName) {
    Matcher m =
        Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?" + localName + "(?:\\s[^>]*)?>([^<]*)<")
            .matcher(xml);
    return m.find() ? m.group(1) : "?";
  }
}
