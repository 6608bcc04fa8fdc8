package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openrms.rms.client.ClientSessionTest.assertHr;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.rms.server.RightsServer;

/** DRMGetServiceLocation (rms-anchors §1.5) against a real server. */
class ServiceLocationTest {
  @TempDir static Path tmp;

  @RegisterExtension
  static final TestServers.SharedServer shared = new TestServers.SharedServer(() -> tmp);

  @TempDir Path store;

  private ClientSession session(RightsClient.Builder b) {
    return b.storeDirectory(store)
        .build()
        .createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, null);
  }

  private ClientSession session() {
    return session(TestServers.client(shared.server(), store, "cat"));
  }

  @Test
  void enterpriseLocationsComeFromTheConfiguredServer() {
    try (ClientSession s = session()) {
      URI cert =
          s.getServiceLocation(EnumSet.of(ServiceType.CERTIFICATION), ServiceLocation.ENTERPRISE);
      URI act =
          s.getServiceLocation(
              EnumSet.of(ServiceType.ACTIVATION, ServiceType.SILENT), ServiceLocation.ENTERPRISE);
      assertThat(cert.getPort()).isEqualTo(shared.server().port());
      assertThat(cert.getPath()).isEqualTo(shared.server().baseUri().getPath() + "/certification");
      assertThat(act.getPath()).isEqualTo(shared.server().baseUri().getPath() + "/activation");
      // the located certification URL works as DRM_ACTSERV_INFO
      assertThat(ActivationServiceInfo.of(cert).url()).isEqualTo(cert);
    }
  }

  @Test
  void internetCertificationWithoutIssuanceLicenseUsesTheDefault() {
    try (ClientSession s = session()) {
      assertHr(
          HResult.E_DRM_USE_DEFAULT,
          () ->
              s.getServiceLocation(
                  EnumSet.of(ServiceType.CERTIFICATION), ServiceLocation.INTERNET));
      assertHr(
          HResult.E_DRM_USE_DEFAULT,
          () -> s.getServiceLocation(EnumSet.of(ServiceType.ACTIVATION), ServiceLocation.INTERNET));
      assertHr(
          HResult.E_DRM_SERVICE_NOT_FOUND,
          () -> s.getServiceLocation(EnumSet.of(ServiceType.PUBLISHING), ServiceLocation.INTERNET));
    }
  }

  @Test
  void aServiceTheServerDoesNotOfferIsNotFound() {
    try (ClientSession s = session()) {
      assertHr(
          HResult.E_DRM_SERVICE_NOT_FOUND,
          () ->
              s.getServiceLocation(EnumSet.of(ServiceType.PUBLISHING), ServiceLocation.ENTERPRISE));
      assertHr(
          HResult.E_DRM_SERVICE_NOT_FOUND,
          () ->
              s.getServiceLocation(
                  EnumSet.of(ServiceType.CLIENTLICENSOR), ServiceLocation.ENTERPRISE));
    }
  }

  @Test
  void exactlyOneServiceTypeIsRequired() {
    try (ClientSession s = session()) {
      assertHr(
          HResult.E_INVALIDARG,
          () ->
              s.getServiceLocation(
                  EnumSet.of(ServiceType.ACTIVATION, ServiceType.CERTIFICATION),
                  ServiceLocation.ENTERPRISE));
      assertHr(
          HResult.E_INVALIDARG,
          () -> s.getServiceLocation(EnumSet.of(ServiceType.SILENT), ServiceLocation.ENTERPRISE));
      assertHr(
          HResult.E_INVALIDARG,
          () -> s.getServiceLocation(EnumSet.of(ServiceType.ACTIVATION), null));
    }
  }

  @Test
  void anUnreachableServiceRootIsNoConnect() {
    RightsServer stopped = TestServers.start(tmp.resolve("stopped"));
    URI base = stopped.baseUri();
    List<java.security.cert.X509Certificate> roots = List.of(stopped.rootCertificate());
    stopped.close();
    try (ClientSession s = session(RightsClient.builder().serviceUrl(base).trustedRoots(roots))) {
      assertHr(
          HResult.E_DRM_NO_CONNECT,
          () ->
              s.getServiceLocation(
                  EnumSet.of(ServiceType.CERTIFICATION), ServiceLocation.ENTERPRISE));
    }
  }

  @Test
  void anUnknownHostIsServerNotFound() {
    try (ClientSession s =
        session(
            RightsClient.builder().serviceUrl(URI.create("https://rms.unknown.invalid/rms/v1")))) {
      assertHr(
          HResult.E_DRM_SERVER_NOT_FOUND,
          () ->
              s.getServiceLocation(
                  EnumSet.of(ServiceType.CERTIFICATION), ServiceLocation.ENTERPRISE));
    }
  }

  @Test
  void aMovedServerIsServiceMovedNamingTheNewLocation() {
    URI newHome = URI.create("https://rms-new.example.com/rms/v1");
    try (RightsServer moved = TestServers.start(tmp.resolve("moved"), b -> b.movedTo(newHome));
        ClientSession s =
            session(
                RightsClient.builder()
                    .serviceUrl(moved.baseUri())
                    .trustedRoots(List.of(moved.rootCertificate())))) {
      assertThatThrownBy(
              () ->
                  s.getServiceLocation(
                      EnumSet.of(ServiceType.CERTIFICATION), ServiceLocation.ENTERPRISE))
          .isInstanceOfSatisfying(
              DrmException.class,
              e -> {
                assertThat(e.hresult()).isEqualTo(HResult.E_DRM_SERVICE_MOVED);
                assertThat(e.getMessage()).contains(newHome + "/service-locations");
              });
    }
  }

  @Test
  void noConfiguredServiceUrlIsServiceNotFound() {
    try (ClientSession s = session(RightsClient.builder())) {
      assertHr(
          HResult.E_DRM_SERVICE_NOT_FOUND,
          () ->
              s.getServiceLocation(
                  EnumSet.of(ServiceType.CERTIFICATION), ServiceLocation.ENTERPRISE));
    }
  }
}
