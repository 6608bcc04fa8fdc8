package org.openrms.rms.client.internal;

import java.net.URI;
import java.util.Set;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.rms.client.ActivationFlag;
import org.openrms.rms.client.ActivationServiceInfo;
import org.openrms.rms.client.GroupIdType;
import org.openrms.rms.client.StatusMessage;

/** The {@code DRMActivate} flag rules (rms-anchors §1.3), checked before anything is sent. */
final class ActivationRules {
  private ActivationRules() {}

  /**
   * Checks the request and decides where it goes.
   *
   * @throws DrmException E_INVALIDARG, E_DRM_GROUPID_NOT_SET or E_DRM_SERVICE_NOT_FOUND
   */
  static ActivationTask.Plan plan(
      SessionState session, Set<ActivationFlag> flags, ActivationServiceInfo info, Object context) {
    if (flags == null) {
      throw invalid("the flags cannot be null");
    }
    boolean machine = flags.contains(ActivationFlag.MACHINE);
    boolean user = flags.contains(ActivationFlag.GROUPIDENTITY);
    boolean silent = flags.contains(ActivationFlag.SILENT);
    if (machine == user) {
      throw invalid("pass exactly one of MACHINE and GROUPIDENTITY");
    }
    URI serviceUrl = session.runtime().settings().serviceUrl();
    if (machine) {
      if (!silent) {
        throw invalid("machine activation requires SILENT");
      }
      URI root = serviceUrl != null ? serviceUrl : info != null ? parent(info.url()) : null;
      if (root == null) {
        throw new DrmException(
            HResult.E_DRM_SERVICE_NOT_FOUND, "no service URL is configured for machine activation");
      }
      return new ActivationTask.Plan(
          StatusMessage.ACTIVATE_MACHINE, root, child(root, "activation"), false, context);
    }
    if (session.groupId() == null) {
      throw new DrmException(
          HResult.E_DRM_GROUPID_NOT_SET, "the session has no group ID to activate");
    }
    if (silent && session.groupIdType() == GroupIdType.PASSPORT) {
      throw invalid("silent Passport activation is not allowed");
    }
    boolean temporary = silent && flags.contains(ActivationFlag.TEMPORARY);
    if (silent) {
      if (info == null) {
        throw invalid("silent user activation requires the activation service info");
      }
      return new ActivationTask.Plan(
          StatusMessage.ACTIVATE_GROUPIDENTITY, parent(info.url()), info.url(), temporary, context);
    }
    if (serviceUrl == null) {
      throw new DrmException(
          HResult.E_DRM_SERVICE_NOT_FOUND, "no service URL is configured for user activation");
    }
    return new ActivationTask.Plan(
        StatusMessage.ACTIVATE_GROUPIDENTITY,
        serviceUrl,
        child(serviceUrl, "certification"),
        false,
        context);
  }

  /** {@code base + "/" + segment}, whether or not the base ends with a slash. */
  static URI child(URI base, String segment) {
    String s = base.toString();
    return URI.create((s.endsWith("/") ? s : s + "/") + segment);
  }

  /** The URL without its last path segment (the service root of an endpoint). */
  static URI parent(URI url) {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    int slash = path.lastIndexOf('/');
    String parentPath = slash <= 0 ? "/" : path.substring(0, slash);
    String s = url.toString();
    int at = s.indexOf(url.getRawAuthority()) + url.getRawAuthority().length();
    return URI.create(s.substring(0, at) + parentPath);
  }

  private static DrmException invalid(String message) {
    return new DrmException(HResult.E_INVALIDARG, message);
  }
}
