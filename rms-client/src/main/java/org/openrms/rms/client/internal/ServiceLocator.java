package org.openrms.rms.client.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.core.wire.ServiceLocations;
import org.openrms.rms.client.ServiceLocation;
import org.openrms.rms.client.ServiceType;

/**
 * {@code DRMGetServiceLocation}: the enterprise server's discovery document, no internet lookup.
 */
final class ServiceLocator {
  private ServiceLocator() {}

  static URI locate(ClientRuntime runtime, Set<ServiceType> types, ServiceLocation location) {
    if (types == null || location == null) {
      throw new DrmException(HResult.E_INVALIDARG, "service types and location are required");
    }
    EnumSet<ServiceType> primary =
        types.isEmpty() ? EnumSet.noneOf(ServiceType.class) : EnumSet.copyOf(types);
    primary.remove(ServiceType.SILENT);
    if (primary.size() != 1) {
      throw new DrmException(
          HResult.E_INVALIDARG, "pass exactly one service type (optionally with SILENT): " + types);
    }
    ServiceType type = primary.iterator().next();
    if (location == ServiceLocation.INTERNET) {
      if (type == ServiceType.ACTIVATION || type == ServiceType.CERTIFICATION) {
        throw new DrmException(
            HResult.E_DRM_USE_DEFAULT, "there is no internet discovery; use the default service");
      }
      throw new DrmException(
          HResult.E_DRM_SERVICE_NOT_FOUND, "there is no internet " + type + " service");
    }
    URI serviceUrl = runtime.settings().serviceUrl();
    if (serviceUrl == null) {
      throw new DrmException(HResult.E_DRM_SERVICE_NOT_FOUND, "no service URL is configured");
    }
    URI url = ActivationRules.child(serviceUrl, "service-locations");
    HttpResponse<String> r;
    try {
      r = RmsHttp.await(runtime.http().get(url), url);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DrmException(HResult.E_FAIL, "interrupted while asking " + url, e);
    } catch (CancellationException e) {
      throw new DrmException(HResult.E_FAIL, "the request to " + url + " was cancelled", e);
    }
    ServiceLocations locations = RmsHttp.parse(r, ServiceLocations.class);
    String found =
        switch (type) {
          case ACTIVATION -> locations.activation();
          case CERTIFICATION -> locations.certification();
          case PUBLISHING -> locations.publishing();
          case CLIENTLICENSOR -> locations.clientLicensor();
          case SILENT -> null;
        };
    if (found == null) {
      throw new DrmException(
          HResult.E_DRM_SERVICE_NOT_FOUND,
          "the server at " + serviceUrl + " offers no " + type + " service");
    }
    try {
      URI u = new URI(found);
      if (!u.isAbsolute()) {
        throw new URISyntaxException(found, "not absolute");
      }
      return u;
    } catch (URISyntaxException e) {
      throw HResultTable.invalidResponse("the " + type + " location is not a URL: " + found, e);
    }
  }
}
