package org.openrms.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.openrms.cli.internal.ActivationRunner;
import org.openrms.cli.internal.StoreReport;
import org.openrms.cli.internal.TempDirs;
import org.openrms.core.Pem;
import org.openrms.rms.client.ActivationFlag;
import org.openrms.rms.client.ActivationServiceInfo;
import org.openrms.rms.client.ClientSession;
import org.openrms.rms.client.GroupIdType;
import org.openrms.rms.client.RightsClient;
import org.openrms.rms.client.ServiceLocation;
import org.openrms.rms.client.ServiceType;
import org.openrms.rms.server.NewUser;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;
import org.openrms.wsman.server.LocalAccounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openrms demo}: the whole job on the embedded default, end to end, in one command. Starts a
 * rights server on a free loopback port in a temporary directory, creates a user, activates the
 * machine and the user, lists the store, verifies the RAC chain, manages the server over
 * WS-Management (Identify, server status, create and list directory accounts), and cleans up.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs an embedded rights server and activates a machine and a user against it.")
final class DemoCommand extends BaseCommand implements Callable<Integer> {
  static final String USER = "alice@example.com";
  static final String ADMIN = "admin";

  @Option(names = "--keep", description = "Keep the temporary directory for inspection.")
  boolean keep;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show every callback message.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("openrms-demo-");
    Path data = work.resolve("server");
    Path store = work.resolve("store");
    char[] password = randomPassword();
    try {
      step("1. Starting an embedded rights server in " + data);
      char[] adminPassword = randomPassword();
      try (RightsServer server =
          RightsServer.start(
              RightsServerConfig.builder()
                  .dataDirectory(data)
                  .port(0)
                  .management(0, LocalAccounts.empty().withAccount(ADMIN, adminPassword))
                  .build())) {
        out()
            .println(
                "   listening at " + server.baseUri() + " (HTTPS, certificate from its own CA)");
        out().println("   root CA written to " + server.rootCertificateFile());

        step("2. Creating user " + USER + " in the built-in directory");
        server
            .directory()
            .addUser(
                NewUser.builder(USER)
                    .email(USER)
                    .displayName("Alice Example")
                    .password(password.clone())
                    .verified(true)
                    .build());

        AtomicReference<ActivationRunner> current = new AtomicReference<>();
        try (RightsClient client =
                RightsClient.builder()
                    .serviceUrl(server.baseUri())
                    .trustedRootsPem(server.rootCertificateFile())
                    .storeDirectory(store)
                    .credentials(USER, password)
                    .build();
            ClientSession session =
                client.createClientSession(
                    ActivationRunner.forwardingTo(current), 0, GroupIdType.WINDOWS_AUTH, USER)) {

          step("3. Activating this machine (DRMActivate MACHINE|SILENT)");
          ActivationRunner machine = new ActivationRunner(out(), verbose, false);
          current.set(machine);
          machine.run(
              session,
              EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT),
              null,
              "machine activation",
              Duration.ofMinutes(1));
          out().println("   machine activated: " + session.isActivated(ActivationFlag.MACHINE));

          step("4. Activating the user (DRMActivate GROUPIDENTITY|SILENT)");
          ActivationRunner user = new ActivationRunner(out(), verbose, false);
          current.set(user);
          String chainPem =
              user.run(
                  session,
                  EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT),
                  ActivationServiceInfo.of(
                      session.getServiceLocation(
                          EnumSet.of(ServiceType.CERTIFICATION), ServiceLocation.ENTERPRISE)),
                  "user activation",
                  Duration.ofMinutes(1));
          out()
              .println(
                  "   callback reported S_DRM_COMPLETED after progress reached "
                      + user.lastProgress()
                      + "%; user activated: "
                      + session.isActivated(ActivationFlag.GROUPIDENTITY));

          step("5. License store " + store);
          StoreReport.read(session).print(out(), Clock.systemUTC());

          step("6. Verifying the RAC chain (RAC -> SLC -> root) against the server's root");
          List<X509Certificate> chain = Pem.decodeChain(chainPem);
          verifyChain(chain, server.rootCertificate());
          out()
              .println(
                  "   PKIX validation OK: "
                      + chain.size()
                      + " certificates, RAC for "
                      + StoreReport.email(chain.get(0))
                      + ", issued by "
                      + chain.get(0).getIssuerX500Principal().getName());
        }

        step(
            "7. Managing the server over WS-Management at " + server.managementUri().orElseThrow());
        DemoManagement.run(server, ADMIN, adminPassword, out());
      } finally {
        Arrays.fill(adminPassword, '\0');
      }
      step("Done. Everything above ran against real HTTPS servers on this machine.");
      return 0;
    } finally {
      Arrays.fill(password, '\0');
      if (keep) {
        out().println("Kept " + work);
      } else {
        TempDirs.deleteRecursively(work);
      }
    }
  }

  private void step(String text) {
    out().println(text);
    out().flush();
  }

  private static void verifyChain(List<X509Certificate> chain, X509Certificate root)
      throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    // The path excludes the trust anchor itself.
    var path = cf.generateCertPath(chain.subList(0, chain.size() - 1));
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(path, params);
  }

  static char[] randomPassword() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    SecureRandom random = new SecureRandom();
    char[] pw = new char[20];
    for (int i = 0; i < pw.length; i++) {
      pw[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return pw;
  }
}
