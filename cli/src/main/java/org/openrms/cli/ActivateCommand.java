package org.openrms.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import org.openrms.cli.internal.ActivationRunner;
import org.openrms.cli.internal.ClientOptions;
import org.openrms.cli.internal.Passwords;
import org.openrms.core.Pem;
import org.openrms.rms.client.ActivationFlag;
import org.openrms.rms.client.ActivationServiceInfo;
import org.openrms.rms.client.ClientSession;
import org.openrms.rms.client.GroupIdType;
import org.openrms.rms.client.RightsClient;
import org.openrms.rms.client.ServiceLocation;
import org.openrms.rms.client.ServiceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code openrms activate}: activates this machine, or a user on it, against a rights server. */
@Command(
    name = "activate",
    mixinStandardHelpOptions = true,
    description = {
      "Activates the machine (--machine) or the user (default) against a rights server.",
      "User activation needs an activated machine and stores a rights account certificate (RAC).",
      "With --auth oidc the ID token of --id-token-file authenticates both (PASSPORT identity).",
      "With --auth kerberos the logged-on Kerberos identity (kinit; KRB5CCNAME) authenticates both"
          + " with Negotiate, or, with --user, a ticket got with that principal's password.",
      "With --auth ntlm, --user (user, DOMAIN\\user or user@domain) and its password authenticate"
          + " both with NTLM under Negotiate (HTTPS only; the account must be enabled for NTLM)."
    })
final class ActivateCommand extends BaseCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  /** How the command authenticates. */
  enum Auth {
    basic,
    kerberos,
    ntlm,
    oidc
  }

  @Option(
      names = "--auth",
      defaultValue = "basic",
      description =
          "basic (--user and a password), kerberos (Negotiate: the ticket cache's principal, or"
              + " --user and its Kerberos password; HTTPS only), ntlm (--user and its password as NTLM"
              + " under Negotiate, with channel bindings; HTTPS only) or oidc (an OpenID Connect ID"
              + " token from --id-token-file; the PASSPORT group-ID type). Default:"
              + " ${DEFAULT-VALUE}.")
  Auth auth;

  @Option(
      names = "--spn",
      description =
          "With --auth kerberos: the server's service principal (default HTTP/<host of --server>"
              + " in the realm of the client principal).")
  String spn;

  @Option(
      names = "--ticket-cache",
      description =
          "With --auth kerberos and no --user: the ticket cache file (default: KRB5CCNAME, else"
              + " /tmp/krb5cc_<uid>).")
  Path ticketCache;

  @Option(
      names = "--id-token-file",
      description =
          "With --auth oidc: file holding the ID token (read again for every request, so a"
              + " refreshed token is picked up).")
  Path idTokenFile;

  @Option(
      names = "--user",
      description =
          "Login (e-mail) to authenticate as (--auth basic), Kerberos principal (--auth"
              + " kerberos, optional), or NTLM account (--auth ntlm: user, DOMAIN\\user or"
              + " user@domain).")
  String user;

  @Option(
      names = "--group-id",
      description =
          "E-mail the session is for (default: --user). A RAC is always issued for the "
              + "authenticated user.")
  String groupId;

  @Option(names = "--password-file", description = "Read the password from this file.")
  Path passwordFile;

  @Option(names = "--machine", description = "Activate the machine instead of the user.")
  boolean machine;

  @Option(names = "--temporary", description = "Request a temporary RAC (default 15 minutes).")
  boolean temporary;

  @Option(names = "--passport", description = "Use the Passport (federated) group-ID provider.")
  boolean passport;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show every callback message.")
  boolean verbose;

  @Option(
      names = "--timeout",
      defaultValue = "PT2M",
      description = "Give up after this long (ISO-8601 duration). Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    boolean oidc = auth == Auth.oidc;
    boolean kerberos = auth == Auth.kerberos;
    boolean ntlm = auth == Auth.ntlm;
    String sessionGroupId =
        groupId != null ? groupId : oidc ? tokenEmail() : kerberos || ntlm ? null : user;
    if (auth == Auth.basic && user == null) {
      throw new ParameterException(
          spec.commandLine(), "--user is required with --auth basic (the default)");
    }
    if (ntlm && user == null) {
      throw new ParameterException(spec.commandLine(), "--user is required with --auth ntlm");
    }
    boolean machineByTicket = (kerberos || ntlm) && machine && groupId == null;
    if (!machineByTicket && (sessionGroupId == null || !sessionGroupId.contains("@"))) {
      throw new ParameterException(
          spec.commandLine(),
          (oidc
                  ? "the ID token has no e-mail"
                  : kerberos || ntlm
                      ? "--auth " + auth + " needs the session's e-mail"
                      : "--user " + user + " is not an e-mail address")
              + ": give the e-mail the session is for with --group-id EMAIL");
    }
    try (RightsClient rc =
        oidc
            ? oidcClient()
            : kerberos
                ? kerberosClient()
                : ntlm ? ntlmClient() : client.withCredentials(user, passwordFile)) {
      ActivationRunner runner = new ActivationRunner(out(), verbose, System.console() != null);
      boolean passportType = passport || oidc;
      GroupIdType type = passportType ? GroupIdType.PASSPORT : GroupIdType.WINDOWS_AUTH;
      try (ClientSession session = rc.createClientSession(runner, 0, type, sessionGroupId)) {
        if (machine) {
          runner.run(
              session,
              EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT),
              null,
              "machine activation",
              timeout);
          out()
              .println(
                  "Machine activated for this user; certificate stored in " + rc.storeDirectory());
        } else {
          EnumSet<ActivationFlag> flags = EnumSet.of(ActivationFlag.GROUPIDENTITY);
          ActivationServiceInfo info = null;
          if (!passportType) {
            // Silent Windows-style activation goes to an explicit certification URL: ask the
            // server where its certification service is (DRMGetServiceLocation), as msdrm does.
            flags.add(ActivationFlag.SILENT);
            info =
                ActivationServiceInfo.of(
                    session.getServiceLocation(
                        EnumSet.of(ServiceType.CERTIFICATION), ServiceLocation.ENTERPRISE));
            if (temporary) {
              flags.add(ActivationFlag.TEMPORARY);
            }
          }
          String chain = runner.run(session, flags, info, "user activation", timeout);
          var rac = Pem.decodeChain(chain).get(0);
          out()
              .println(
                  "User activated: RAC for "
                      + org.openrms.cli.internal.StoreReport.email(rac)
                      + ", valid until "
                      + rac.getNotAfter().toInstant()
                      + "; stored in "
                      + rc.storeDirectory());
        }
      }
    }
    return 0;
  }

  /**
   * A client that sends Negotiate: for the ticket cache's principal (no {@code --user}), or with a
   * ticket got with {@code --user}'s password.
   */
  private RightsClient kerberosClient() throws IOException {
    client.requireServer();
    if (client.trust == null) {
      throw new IllegalArgumentException(
          "--trust FILE is required (the server's root-ca.pem): issued certificates must chain"
              + " to it");
    }
    if (!"https".equalsIgnoreCase(client.server.getScheme())) {
      throw new ParameterException(
          spec.commandLine(), "--auth kerberos needs an https --server (Negotiate goes over TLS)");
    }
    RightsClient.Builder b = client.builder();
    if (spn != null) {
      b.kerberosServicePrincipal(spn);
    }
    if (ticketCache != null) {
      b.kerberosTicketCache(ticketCache);
    }
    if (user == null) {
      return b.build();
    }
    char[] password = Passwords.read(passwordFile, "Kerberos password for " + user + ": ");
    try {
      return b.credentials(user, password).kerberosForCredentials(true).build();
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** A client that sends {@code --user}'s password as NTLM under Negotiate (HTTPS only). */
  private RightsClient ntlmClient() throws IOException {
    client.requireServer();
    if (client.trust == null) {
      throw new IllegalArgumentException(
          "--trust FILE is required (the server's root-ca.pem): issued certificates must chain"
              + " to it");
    }
    if (!"https".equalsIgnoreCase(client.server.getScheme())) {
      throw new ParameterException(
          spec.commandLine(), "--auth ntlm needs an https --server (Negotiate goes over TLS)");
    }
    char[] password = Passwords.read(passwordFile, "NTLM password for " + user + ": ");
    try {
      return client.builder().credentials(user, password).ntlmForCredentials(true).build();
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** A client that sends the ID token of {@code --id-token-file} for its PASSPORT sessions. */
  private RightsClient oidcClient() {
    client.requireServer();
    if (client.trust == null) {
      throw new IllegalArgumentException(
          "--trust FILE is required (the server's root-ca.pem): issued certificates must chain"
              + " to it");
    }
    Path file = requireTokenFile();
    return client.builder().idToken(() -> readToken(file)).build();
  }

  private Path requireTokenFile() {
    if (idTokenFile == null) {
      throw new ParameterException(spec.commandLine(), "--auth oidc needs --id-token-file FILE");
    }
    return idTokenFile;
  }

  /** The token in the file (surrounding white space removed); never printed. */
  private static String readToken(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ID token file " + file, e);
    }
  }

  /**
   * The {@code email} claim of the token, read without checking the signature: only the session's
   * group ID comes from it; the server validates the token and issues the RAC for its own reading.
   */
  private String tokenEmail() {
    String token = readToken(requireTokenFile());
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      throw new ParameterException(
          spec.commandLine(), "the ID token file does not hold a compact JWT (three parts)");
    }
    try {
      JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
      JsonNode email = claims == null ? null : claims.get("email");
      return email != null && email.isTextual() ? email.asText() : null;
    } catch (IOException | IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "the ID token's claims are not base64url JSON");
    }
  }
}
