package org.openrms.wsman.server.internal;

import java.util.OptionalInt;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javax.xml.namespace.QName;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.server.Resource;
import org.openrms.wsman.server.ResourceRequest;
import org.openrms.wsman.server.WsmanListenerConfig;

/**
 * The built-in {@code winrm/config} resource ({@link Namespaces#CONFIG}): Get returns the
 * listener's settings as a {@code cfg:Config} element shaped like Windows' ({@code
 * MaxEnvelopeSizekb}, {@code MaxTimeoutms}, {@code Service/AllowUnencrypted}, {@code
 * Service/Auth/*}, {@code Service/DefaultPorts/HTTP} and {@code HTTPS}). Read-only.
 */
public final class ConfigResource implements Resource {
  private final WsmanListenerConfig config;
  private final IntSupplier httpPort;
  private final Supplier<OptionalInt> httpsPort;

  /** The config resource of a listener whose bound ports the suppliers report. */
  public ConfigResource(
      WsmanListenerConfig config, IntSupplier httpPort, Supplier<OptionalInt> httpsPort) {
    this.config = config;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
  }

  @Override
  public String resourceUri() {
    return Namespaces.CONFIG;
  }

  private static QName cfg(String local) {
    return new QName(Namespaces.CONFIG, local, "cfg");
  }

  @Override
  public XmlElement get(ResourceRequest request) {
    XmlElement auth =
        XmlElement.builder(cfg("Auth"))
            .child(cfg("Basic"), Boolean.toString(config.auth().basic()))
            .child(cfg("Kerberos"), Boolean.toString(config.auth().kerberos()))
            .child(cfg("Negotiate"), Boolean.toString(config.auth().negotiate()))
            .child(cfg("Certificate"), Boolean.toString(config.clientCertificates().isPresent()))
            .child(cfg("CredSSP"), "false")
            .build();
    XmlElement.Builder ports = XmlElement.builder(cfg("DefaultPorts"));
    if (httpPort.getAsInt() >= 0) { // -1: plain HTTP is off
      ports.child(cfg("HTTP"), Integer.toString(httpPort.getAsInt()));
    }
    httpsPort.get().ifPresent(p -> ports.child(cfg("HTTPS"), Integer.toString(p)));
    XmlElement service =
        XmlElement.builder(cfg("Service"))
            .child(cfg("AllowUnencrypted"), Boolean.toString(config.allowUnencrypted()))
            .child(auth)
            .child(ports.build())
            .build();
    return XmlElement.builder(cfg("Config"))
        .child(cfg("MaxEnvelopeSizekb"), Integer.toString(config.maxEnvelopeSize() / 1024))
        .child(cfg("MaxTimeoutms"), Long.toString(config.maxTimeout().toMillis()))
        .child(service)
        .build();
  }
}
