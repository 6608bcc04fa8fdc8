package org.openrms.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.openrms.cli.internal.DeviceFlow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openrms login}: gets an OpenID Connect ID token with the device flow (RFC 8628). */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Signs in at an OpenID Connect provider with the device flow (RFC 8628): shows a URL and a"
          + " code to enter in a browser, waits for approval, and writes the ID token to --out"
          + " (mode 600) for `openrms activate --auth oidc --id-token-file FILE`.",
      "The token is never printed."
    })
final class LoginCommand extends BaseCommand implements Callable<Integer> {
  /** How the command waits between polls; tests replace it so they need not wait. */
  static volatile DeviceFlow.Sleeper sleeper = d -> Thread.sleep(d.toMillis());

  @Option(
      names = "--issuer",
      required = true,
      description =
          "The provider's issuer URL (https); its discovery document must offer the"
              + " device flow.")
  URI issuer;

  @Option(names = "--client-id", required = true, description = "The OAuth client ID.")
  String clientId;

  @Option(
      names = "--trust",
      description = "PEM file with the CA of the issuer's TLS certificate (default: the JDK's).")
  Path trust;

  @Option(
      names = "--scope",
      defaultValue = "openid email",
      description = "Scopes to request. Default: ${DEFAULT-VALUE}.")
  String scope;

  @Option(names = "--out", required = true, description = "File to write the ID token to.")
  Path outFile;

  @Override
  public Integer call() throws Exception {
    DeviceFlow flow = new DeviceFlow(DeviceFlow.httpClient(trust), sleeper, Clock.systemUTC());
    Progress progress = new Progress();
    String token;
    try {
      token = flow.login(issuer, clientId, scope, progress);
    } catch (DeviceFlow.Failure f) {
      progress.endLine();
      err().println("error: " + f.getMessage());
      err().flush();
      return f.exitCode();
    }
    write(outFile, token);
    String email = email(token);
    progress.endLine();
    out()
        .println(
            "Signed in"
                + (email == null ? "" : " as " + email)
                + "; ID token written to "
                + outFile
                + " (mode 600)");
    return 0;
  }

  /** Prints the prompt and the waiting progress on standard error. */
  private final class Progress implements DeviceFlow.Listener {
    private boolean midLine;

    void endLine() {
      if (midLine) {
        err().println();
        midLine = false;
      }
    }

    @Override
    public void prompt(DeviceFlow.Authorization a) {
      err()
          .println(
              "To sign in, open " + a.verificationUri() + " and enter the code " + a.userCode());
      if (a.verificationUriComplete() != null) {
        err().println("  or open " + a.verificationUriComplete());
      }
      err()
          .print(
              "Waiting for approval (code valid for "
                  + a.expiresIn().toSeconds()
                  + " s, polling every "
                  + a.interval().toSeconds()
                  + " s) ");
      midLine = true;
      err().flush();
    }

    @Override
    public void pending(int polls, Duration interval) {
      err().print('.');
      err().flush();
    }

    @Override
    public void slowDown(Duration interval) {
      err().print("[slowing down: every " + interval.toSeconds() + " s]");
      err().flush();
    }
  }

  /** Writes the token to a 0600 file (atomically replacing an older one). */
  static void write(Path file, String token) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp;
    try {
      tmp =
          Files.createTempFile(
              dir,
              ".openrms-login",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      tmp = Files.createTempFile(dir, ".openrms-login", ".tmp");
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot create a temporary file in " + dir, e);
    }
    try {
      Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw new IOException("cannot write the ID token to " + file + ": " + e.getMessage(), e);
    }
  }

  /** The token's e-mail claim, read without checking the signature (only for the message). */
  private static String email(String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return null;
    }
    try {
      JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
      JsonNode e = claims == null ? null : claims.get("email");
      return e != null && e.isTextual() ? e.asText() : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
