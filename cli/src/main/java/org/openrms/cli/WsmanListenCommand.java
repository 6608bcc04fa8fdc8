package org.openrms.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.openrms.auth.KerberosCredentials;
import org.openrms.cli.internal.ExitCodes;
import org.openrms.core.Pem;
import org.openrms.wsman.server.AuthSettings;
import org.openrms.wsman.server.ClientCertificates;
import org.openrms.wsman.server.LocalAccounts;
import org.openrms.wsman.server.ShellSettings;
import org.openrms.wsman.server.WsmanListener;
import org.openrms.wsman.server.WsmanListenerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openrms wsman listen}: runs a standalone WS-Management listener until interrupted. */
@Command(
    name = "listen",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a WinRM-compatible WS-Management listener at /wsman until Ctrl-C.",
      "Basic authentication against --accounts (see 'openrms wsman account'). As on Windows,",
      "Basic over plain HTTP is refused unless --allow-unencrypted; prefer --https-port.",
      "--negotiate adds NTLM (accounts added with --ntlm) and, with --kerberos-keytab, Kerberos;",
      "over plain HTTP their messages are then encrypted (MS-WSMV message encryption).",
      "Remote commands run as the operating-system user running this listener."
    })
final class WsmanListenCommand extends BaseCommand implements Callable<Integer> {
  /** Environment variable read for the keystore password when no file is given. */
  static final String KEYSTORE_PASSWORD_ENV = "OPENRMS_KEYSTORE_PASSWORD";

  @Option(
      names = "--accounts",
      required = true,
      description = "Accounts file written by 'openrms wsman account add' (mode 600).")
  Path accountsFile;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address to bind. Default: ${DEFAULT-VALUE}.")
  String bind;

  @Option(
      names = "--port",
      defaultValue = "5985",
      description = "HTTP port (0 = any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--https-port",
      description = "Also serve HTTPS on this port (Windows uses 5986); needs --keystore.")
  Integer httpsPort;

  @Option(names = "--keystore", description = "PKCS#12 file with the TLS key and certificate.")
  Path keystore;

  @Option(
      names = "--keystore-password-file",
      description = "File holding the keystore password (else $" + KEYSTORE_PASSWORD_ENV + ").")
  Path keystorePasswordFile;

  @Option(
      names = "--allow-unencrypted",
      description = "Accept Basic authentication over plain HTTP (off by default, as on Windows).")
  boolean allowUnencrypted;

  @Option(
      names = "--max-envelope-size-kb",
      defaultValue = "500",
      description =
          "Largest envelope in KiB (Windows MaxEnvelopeSizekb). Default: ${DEFAULT-VALUE}.")
  int maxEnvelopeKb;

  @Option(
      names = "--client-ca",
      description = "PEM file of CAs whose client certificates may log in (https/mutual).")
  Path clientCa;

  @Option(
      names = "--map-cert",
      description = "Map a client certificate SHA256=ACCOUNT (hex fingerprint; repeatable).")
  Map<String, String> certMappings = new LinkedHashMap<>();

  @Option(
      names = "--map-subject-cn",
      description = "A client certificate whose subject CN names an account logs in as it.")
  boolean mapSubjectCn;

  @Option(
      names = "--max-shells-per-user",
      description = "Remote shells one account may hold open (Windows default 30).")
  Integer maxShellsPerUser;

  @Option(
      names = "--shell-idle-timeout",
      description = "Seconds before an idle remote shell is closed (default 7200).")
  Integer shellIdleSeconds;

  @Option(names = "--no-shell", description = "Turn the WinRS cmd shell off (no remote commands).")
  boolean noShell;

  @Option(
      names = "--negotiate",
      description = "Offer the Negotiate scheme: NTLM for --ntlm accounts, Kerberos with a keytab.")
  boolean negotiate;

  @Option(
      names = "--kerberos-keytab",
      paramLabel = "FILE",
      description = "Service keytab: turns on the Kerberos scheme (and Kerberos in Negotiate).")
  Path kerberosKeytab;

  @Option(
      names = "--spn",
      paramLabel = "PRINCIPAL",
      description =
          "Service principal in the keytab, e.g. HTTP/host.example.com@REALM (default *).")
  String spn;

  @Option(names = "--no-basic", description = "Turn HTTP Basic authentication off.")
  boolean noBasic;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(accountsFile)) {
      err()
          .println(
              "error: no accounts file "
                  + accountsFile
                  + "; create one with: openrms wsman account add NAME --accounts "
                  + accountsFile);
      return ExitCodes.LOCAL;
    }
    LocalAccounts accounts = LocalAccounts.load(accountsFile);
    WsmanListenerConfig.Builder config =
        WsmanListenerConfig.builder()
            .bindAddress(bind)
            .httpPort(port)
            .accounts(accounts)
            .allowUnencrypted(allowUnencrypted)
            .maxEnvelopeSize(Math.multiplyExact(maxEnvelopeKb, 1024));
    ShellSettings shell = ShellSettings.DEFAULTS.withEnabled(!noShell);
    if (maxShellsPerUser != null) {
      shell = shell.withMaxShellsPerUser(maxShellsPerUser);
    }
    if (shellIdleSeconds != null) {
      shell = shell.withIdleTimeout(Duration.ofSeconds(shellIdleSeconds));
    }
    config.shell(shell);
    if (spn != null && kerberosKeytab == null) {
      err().println("error: --spn needs --kerberos-keytab FILE");
      return ExitCodes.USAGE;
    }
    AuthSettings.Builder auth = AuthSettings.builder().basic(!noBasic).negotiate(negotiate);
    if (kerberosKeytab != null) {
      // kept for the life of the process; the listener does not close it
      auth.kerberos(true)
          .kerberosAcceptor(
              KerberosCredentials.acceptorKeytab(spn == null ? "*" : spn, kerberosKeytab));
    }
    config.auth(auth.build());
    if (clientCa != null) {
      if (httpsPort == null) {
        err().println("error: --client-ca needs --https-port (client certificates travel in TLS)");
        return ExitCodes.USAGE;
      }
      ClientCertificates.Builder certs =
          ClientCertificates.builder().mapSubjectCommonName(mapSubjectCn);
      for (X509Certificate ca :
          Pem.decodeChain(Files.readString(clientCa, StandardCharsets.US_ASCII))) {
        certs.trust(ca);
      }
      certMappings.forEach(certs::map);
      config.clientCertificates(certs.build());
    } else if (!certMappings.isEmpty() || mapSubjectCn) {
      err().println("error: --map-cert and --map-subject-cn need --client-ca");
      return ExitCodes.USAGE;
    }
    if (httpsPort != null) {
      if (keystore == null) {
        err().println("error: --https-port needs --keystore FILE (PKCS#12)");
        return ExitCodes.USAGE;
      }
      char[] password = keystorePassword();
      try {
        config.https(httpsPort, keystore, password);
      } finally {
        Arrays.fill(password, '\0');
      }
    } else if (keystore != null) {
      err().println("error: --keystore needs --https-port");
      return ExitCodes.USAGE;
    }
    WsmanListener listener = WsmanListener.start(config.build());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  listener.close();
                  stopped.countDown();
                },
                "openrms-wsman-shutdown"));
    out().println("OpenRMS WS-Management listener at " + listener.httpUri());
    listener.httpsUri().ifPresent(u -> out().println("                          and at " + u));
    out().println("Accounts: " + accounts.names().size() + " from " + accountsFile);
    out().println("Authentication: " + listener.config().auth());
    if (negotiate && accounts.names().stream().noneMatch(accounts::ntlmEnabled)) {
      err().println("warning: no account has NTLM on (openrms wsman account add NAME --ntlm)");
    }
    if (accounts.names().isEmpty()) {
      err().println("warning: the accounts file is empty; every request will be refused");
    }
    if (!allowUnencrypted) {
      out().println("Plain HTTP accepts only unauthenticated Identify (no --allow-unencrypted).");
    }
    out().println("Press Ctrl-C to stop.");
    out().flush();
    stopped.await();
    return ExitCodes.OK;
  }

  private char[] keystorePassword() throws java.io.IOException {
    if (keystorePasswordFile != null) {
      String text = Files.readString(keystorePasswordFile, StandardCharsets.UTF_8);
      return text.lines().findFirst().orElse("").toCharArray();
    }
    String env = System.getenv(KEYSTORE_PASSWORD_ENV);
    if (env == null) {
      throw new IllegalArgumentException(
          "no keystore password: use --keystore-password-file FILE or set "
              + KEYSTORE_PASSWORD_ENV);
    }
    return env.toCharArray();
  }
}
