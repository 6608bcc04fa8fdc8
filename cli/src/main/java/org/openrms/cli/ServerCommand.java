package org.openrms.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;
import org.openrms.wsman.server.LocalAccounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openrms server}: runs the rights server until interrupted. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the rights server (HTTPS with a certificate from its own CA) until Ctrl-C.",
      "On first start it creates the root CA, the SLC and the database in the data directory,",
      "and writes DIR/root-ca.pem, which clients pass to --trust."
    })
final class ServerCommand extends BaseCommand implements Callable<Integer> {

  @Option(names = "--data", required = true, description = "Data directory (created if missing).")
  Path data;

  @Option(
      names = "--port",
      defaultValue = "8443",
      description = "Port to listen on (0 = any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address to bind. Default: ${DEFAULT-VALUE}.")
  String bind;

  @Option(
      names = "--http",
      description = "Serve plain HTTP instead of HTTPS (Basic authentication is then refused).")
  boolean plainHttp;

  @Option(
      names = "--allow-basic-over-http",
      description = "With --http, accept Basic authentication in clear text (tests only).")
  boolean allowBasicOverHttp;

  @Option(
      names = "--ntlm",
      description =
          "Accept NTLM in 'Authorization: Negotiate' (HTTPS only) for users added with"
              + " 'openrms user add --ntlm'.")
  boolean ntlm;

  @Option(
      names = "--public-url",
      description =
          "Base URL clients use (advertised by service-locations), e.g. "
              + "https://rms.example.com:8443/rms/v1.")
  URI publicUrl;

  @Option(
      names = "--wsman-port",
      description =
          "Also serve WS-Management management (users, status) on this HTTPS port (0 = any).")
  Integer wsmanPort;

  @Option(
      names = "--wsman-accounts",
      description = "Administrators for --wsman-port ('openrms wsman account add').")
  Path wsmanAccounts;

  @Override
  public Integer call() throws Exception {
    RightsServerConfig.Builder config =
        RightsServerConfig.builder()
            .dataDirectory(data)
            .port(port)
            .bindAddress(bind)
            .plainHttp(plainHttp)
            .allowBasicOverHttp(allowBasicOverHttp)
            .ntlm(ntlm);
    if (publicUrl != null) {
      config.publicBaseUri(publicUrl);
    }
    if (wsmanPort != null) {
      if (wsmanAccounts == null) {
        err().println("error: --wsman-port needs --wsman-accounts FILE");
        return 2;
      }
      config.management(wsmanPort, LocalAccounts.load(wsmanAccounts));
    } else if (wsmanAccounts != null) {
      err().println("error: --wsman-accounts needs --wsman-port");
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    RightsServer server = RightsServer.start(config.build());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "openrms-server-shutdown"));
    out().println("OpenRMS rights server listening at " + server.baseUri());
    out().println("Root CA for clients (--trust): " + server.rootCertificateFile());
    server
        .managementUri()
        .ifPresent(u -> out().println("Managed over WS-Management at " + u + " (-a basic)"));
    out().println("Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }
}
