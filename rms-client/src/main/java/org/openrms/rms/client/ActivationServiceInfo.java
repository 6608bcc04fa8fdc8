package org.openrms.rms.client;

import java.net.URI;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/**
 * Where a silent user activation goes ({@code DRM_ACTSERV_INFO}).
 *
 * @param version the structure version; must be {@code 0}
 * @param publicKey reserved; must be {@code null}
 * @param url the certification endpoint, for example {@code https://host/rms/v1/certification}; the
 *     service root is the URL without its last path segment
 */
public record ActivationServiceInfo(int version, String publicKey, URI url) {

  /**
   * Validates the fields.
   *
   * @throws DrmException with {@link HResult#E_INVALIDARG} if the version is not 0, the public key
   *     is not {@code null}, or the URL is missing, not absolute or not http(s)
   */
  public ActivationServiceInfo {
    if (version != 0) {
      throw new DrmException(HResult.E_INVALIDARG, "ActivationServiceInfo version must be 0");
    }
    if (publicKey != null) {
      throw new DrmException(HResult.E_INVALIDARG, "ActivationServiceInfo publicKey is reserved");
    }
    if (url == null || !url.isAbsolute() || url.getHost() == null) {
      throw new DrmException(
          HResult.E_INVALIDARG, "ActivationServiceInfo url must be an absolute http(s) URL");
    }
    String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new DrmException(
          HResult.E_INVALIDARG, "ActivationServiceInfo url must be an absolute http(s) URL");
    }
  }

  /** Version 0 info for a certification URL. */
  public static ActivationServiceInfo of(URI url) {
    return new ActivationServiceInfo(0, null, url);
  }
}
