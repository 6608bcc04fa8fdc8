package org.openrms.rms.server.internal.wsman;

import static org.openrms.rms.server.internal.wsman.Xml.u;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.openrms.rms.server.RightsManagement;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.UserRecord;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.server.Resource;
import org.openrms.wsman.server.ResourceRequest;

/**
 * {@link RightsManagement#SERVER_URI}: Get returns the server's identity (server id, service URL,
 * SHA-256 fingerprints of the root CA and the licensor certificate) and directory counters.
 */
public final class ServerResource implements Resource {
  private final RightsServer server;

  /** The status resource of {@code server}. */
  public ServerResource(RightsServer server) {
    this.server = server;
  }

  @Override
  public String resourceUri() {
    return RightsManagement.SERVER_URI;
  }

  @Override
  public XmlElement get(ResourceRequest request) {
    var users = server.directory().listUsers();
    long enabled = users.stream().filter(UserRecord::enabled).count();
    return XmlElement.builder(u("Server"))
        .namespace("u", RightsManagement.NAMESPACE)
        .child(u("ServerId"), server.serverId())
        .child(u("ServiceUrl"), server.baseUri().toString())
        .child(u("RootCertificateSha256"), fingerprint(server.rootCertificate()))
        .child(u("LicensorCertificateSha256"), fingerprint(server.licensorCertificate()))
        .child(u("Users"), Integer.toString(users.size()))
        .child(u("EnabledUsers"), Long.toString(enabled))
        .build();
  }

  private static String fingerprint(X509Certificate c) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint a certificate", e);
    }
  }
}
