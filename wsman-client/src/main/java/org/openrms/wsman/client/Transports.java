package org.openrms.wsman.client;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.openrms.wsman.client.internal.Authorization;
import org.openrms.wsman.client.internal.Channel;
import org.openrms.wsman.client.internal.Exchange;
import org.openrms.wsman.client.internal.Hosts;
import org.openrms.wsman.client.internal.HttpTransport;
import org.openrms.wsman.client.internal.NegotiateAuth;
import org.openrms.wsman.client.internal.Tls;

/**
 * Makes the HTTP transports of one session from its plan: the endpoint and, for https, the TLS
 * context with the session's certificate checks and client certificate, and for Negotiate and
 * Kerberos the session's {@link NegotiateAuth}, which gives each connection its own security
 * context. The target is built once, on the first connection, so that a session can be created
 * before its trust material is usable.
 */
final class Transports {
  private final SessionPlan plan;
  private final ClientSettings settings;
  private final long maxResponseBytes;
  private final NegotiateAuth negotiate;
  private HttpTransport.Target target;

  Transports(SessionPlan plan, ClientSettings settings, long maxResponseBytes) {
    this.plan = plan;
    this.settings = settings;
    this.maxResponseBytes = maxResponseBytes;
    this.negotiate =
        plan.mechanism() == AuthMechanism.NEGOTIATE || plan.mechanism() == AuthMechanism.KERBEROS
            ? new NegotiateAuth(plan, (int) Math.min(Integer.MAX_VALUE, maxResponseBytes))
            : null;
  }

  /**
   * The channel of a new session: its exchange (encoding, authorization from the plan, the
   * announced MaxEnvelopeSize as the first send limit) over transports made here.
   */
  static Channel channel(SessionPlan plan, ClientSettings settings) {
    long maxResponse = 2L * Math.max(settings.maxEnvelopeSize(), 512 * 1024) + 65536;
    Exchange exchange =
        new Exchange(
            plan.endpoint().toString(),
            plan.charset(),
            new Authorization(plan, settings.allowUnencrypted()),
            plan.options().flatMap(ConnectionOptions::userName).orElse(null),
            settings.maxEnvelopeSize(),
            maxResponse);
    Transports transports = new Transports(plan, settings, maxResponse);
    return new Channel(
        plan.endpoint().toString(),
        settings.maxEnvelopeSize(),
        exchange,
        transports::create,
        transports.negotiate);
  }

  HttpTransport create() {
    return new HttpTransport(this::target, negotiate);
  }

  private synchronized HttpTransport.Target target() {
    if (target == null) {
      ConnectionString c = plan.connection();
      boolean ipLiteral = c.isIpv6() || Hosts.isIpv4(c.host());
      target =
          new HttpTransport.Target(
              c.host(),
              c.port(),
              c.suffix(),
              plan.isHttps() ? tls() : null,
              plan.isHttps() && !ipLiteral,
              settings.connectTimeout(),
              settings.userAgent(),
              maxResponseBytes);
    }
    return target;
  }

  private javax.net.ssl.SSLContext tls() {
    PrivateKey key = null;
    X509Certificate[] chain = null;
    if (plan.mechanism() == AuthMechanism.CLIENT_CERTIFICATE) {
      ConnectionOptions o = plan.options().orElse(null);
      if (o == null || o.clientKey().isEmpty()) {
        throw new WsmanAuthenticationException(
            "client certificate authentication needs a certificate and key in the connection"
                + " options (ConnectionOptions.Builder.clientCertificate)");
      }
      key = o.clientKey().get();
      chain = o.clientCertificateChain();
    }
    try {
      return Tls.context(
          settings.trustStore(),
          plan.verifiesCertificateAuthority(),
          plan.expectedCertificateName().orElse(null),
          key,
          chain);
    } catch (GeneralSecurityException e) {
      throw new WsmanClientException("cannot set up TLS: " + e.getMessage(), e);
    }
  }
}
