package org.openrms.cli;

import java.util.concurrent.Callable;
import org.openrms.cli.internal.ClientOptions;
import org.openrms.cli.internal.StoreReport;
import org.openrms.rms.client.ClientSession;
import org.openrms.rms.client.GroupIdType;
import org.openrms.rms.client.RightsClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code openrms licenses}: shows what the license store holds, with validity. */
@Command(
    name = "licenses",
    mixinStandardHelpOptions = true,
    description = "Lists the machine certificate and the rights account certificates in a store.")
final class LicensesCommand extends BaseCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Override
  public Integer call() {
    try (RightsClient rc = client.builder().build();
        ClientSession session =
            rc.createClientSession((m, h, p, c) -> {}, 0, GroupIdType.WINDOWS_AUTH, null)) {
      out().println("Store: " + rc.storeDirectory());
      StoreReport.read(session).print(out(), rc.clock());
    }
    return 0;
  }
}
