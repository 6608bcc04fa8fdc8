package org.openrms.cli;

import java.net.URI;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import org.openrms.cli.internal.ClientOptions;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.rms.client.ClientSession;
import org.openrms.rms.client.GroupIdType;
import org.openrms.rms.client.RightsClient;
import org.openrms.rms.client.ServiceLocation;
import org.openrms.rms.client.ServiceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code openrms locate}: asks the rights server where its services are (DRMGetServiceLocation).
 */
@Command(
    name = "locate",
    mixinStandardHelpOptions = true,
    description = "Shows the service locations the rights server advertises.")
final class LocateCommand extends BaseCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Option(
      names = "--type",
      description = "Only this service: ${COMPLETION-CANDIDATES}. Default: all.")
  ServiceType type;

  @Override
  public Integer call() {
    client.requireServer();
    try (RightsClient rc = client.builder().build();
        ClientSession session =
            rc.createClientSession((m, h, p, c) -> {}, 0, GroupIdType.WINDOWS_AUTH, null)) {
      EnumSet<ServiceType> types =
          type != null
              ? EnumSet.of(type)
              : EnumSet.of(
                  ServiceType.ACTIVATION,
                  ServiceType.CERTIFICATION,
                  ServiceType.PUBLISHING,
                  ServiceType.CLIENTLICENSOR);
      for (ServiceType t : types) {
        try {
          URI u = session.getServiceLocation(EnumSet.of(t), ServiceLocation.ENTERPRISE);
          out().printf("%-15s %s%n", t, u);
        } catch (DrmException e) {
          if (type != null || e.hresult() != HResult.E_DRM_SERVICE_NOT_FOUND) {
            throw e;
          }
          out().printf("%-15s (not offered by this server)%n", t);
        }
      }
    }
    return 0;
  }
}
