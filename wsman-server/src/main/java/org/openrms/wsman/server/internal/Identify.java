package org.openrms.wsman.server.internal;

import java.util.ArrayList;
import java.util.List;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.server.WsmanListenerConfig;

/** The Identify answer of a listener. */
final class Identify {
  private Identify() {}

  /**
   * Identify: the unauthenticated shape without a caller; otherwise the security profiles on offer
   * on this transport — {@code basic}, {@code https/mutual} (over HTTPS with client certificates
   * configured), {@code spnego-kerberos} (Negotiate or Kerberos on) — the caller's own first.
   */
  static IdentifyResponse response(
      WsmanListenerConfig config, String user, String used, boolean secure) {
    if (user == null) {
      return new IdentifyResponse(
          Namespaces.WSMAN,
          config.productVendor(),
          WsmanHandler.ANONYMOUS_PRODUCT_VERSION,
          List.of());
    }
    String prefix = Namespaces.SECPROFILE_PREFIX + (secure ? "https/" : "http/");
    List<String> profiles = new ArrayList<>();
    if (config.auth().basic()) {
      profiles.add(prefix + "basic");
    }
    if (secure && config.clientCertificates().isPresent()) {
      profiles.add(Authenticator.MUTUAL);
    }
    if (config.auth().negotiate() || config.auth().kerberos()) {
      profiles.add(prefix + "spnego-kerberos");
    }
    String mine = used.equals("https/mutual") ? Authenticator.MUTUAL : prefix + used;
    profiles.remove(mine);
    profiles.add(0, mine);
    return new IdentifyResponse(
        Namespaces.WSMAN, config.productVendor(), config.productVersion(), profiles);
  }
}
