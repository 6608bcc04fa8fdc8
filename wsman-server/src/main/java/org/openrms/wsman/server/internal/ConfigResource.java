package org.openrms.wsman.server.internal;

import java.util.function.IntSupplier;
import javax.xml.namespace.QName;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.server.Resource;
import org.openrms.wsman.server.ResourceRequest;
import org.openrms.wsman.server.WsmanListenerConfig;

/**
 * The built-in {@code winrm/config} resource ({@link Namespaces#CONFIG}): Get returns the
 * listener's settings as a {@code cfg:Config} element shaped like Windows' ({@code
 * MaxEnvelopeSizekb}, {@code Service/AllowUnencrypted}, {@code Service/Auth/*}, {@code
 * Service/DefaultPorts/HTTP}). Read-only.
 */
public final class ConfigResource implements Resource {
  private final WsmanListenerConfig config;
  private final IntSupplier httpPort;

  /** The config resource of a listener whose HTTP port {@code httpPort} reports. */
  public ConfigResource(WsmanListenerConfig config, IntSupplier httpPort) {
    this.config = config;
    this.httpPort = httpPort;
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
            .child(cfg("Basic"), "true")
            .child(cfg("Kerberos"), "false")
            .child(cfg("Negotiate"), "false")
            .child(cfg("Certificate"), "false")
            .child(cfg("CredSSP"), "false")
            .build();
    XmlElement ports =
        XmlElement.builder(cfg("DefaultPorts"))
            .child(cfg("HTTP"), Integer.toString(httpPort.getAsInt()))
            .build();
    XmlElement service =
        XmlElement.builder(cfg("Service"))
            .child(cfg("AllowUnencrypted"), Boolean.toString(config.allowUnencrypted()))
            .child(auth)
            .child(ports)
            .build();
    return XmlElement.builder(cfg("Config"))
        .child(cfg("MaxEnvelopeSizekb"), Integer.toString(config.maxEnvelopeSize() / 1024))
        .child(service)
        .build();
  }
}
