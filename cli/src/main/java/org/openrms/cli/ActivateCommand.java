package org.openrms.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import org.openrms.cli.internal.ActivationRunner;
import org.openrms.cli.internal.ClientOptions;
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
      "User activation needs an activated machine and stores a rights account certificate (RAC)."
    })
final class ActivateCommand extends BaseCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Option(names = "--user", required = true, description = "Login (e-mail) to authenticate as.")
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
    String sessionGroupId = groupId != null ? groupId : user;
    if (!sessionGroupId.contains("@")) {
      throw new ParameterException(
          spec.commandLine(),
          "--user "
              + user
              + " is not an e-mail address: give the e-mail the session is for with"
              + " --group-id EMAIL");
    }
    try (RightsClient rc = client.withCredentials(user, passwordFile)) {
      ActivationRunner runner = new ActivationRunner(out(), verbose, System.console() != null);
      GroupIdType type = passport ? GroupIdType.PASSPORT : GroupIdType.WINDOWS_AUTH;
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
          if (!passport) {
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
}
