package org.openrms.wsman.server.internal;

import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openrms.wsman.server.ClientCertificates;

/**
 * The TLS side of client certificates: the server asks for a certificate ({@code wantClientAuth}),
 * names the trusted CAs as acceptable issuers, and lets any certificate through the handshake (the
 * client still proves it holds the key). {@link Authenticator} validates the chain against the
 * trusted CAs for each request, so that an untrusted certificate gets an HTTP 401 instead of a
 * broken handshake.
 */
public final class ClientCertTls extends SslContextFactory.Server {
  private final X509Certificate[] issuers;

  /** TLS settings that request a client certificate from these CAs. */
  public ClientCertTls(ClientCertificates certificates) {
    this.issuers = certificates.trustedCas().toArray(new X509Certificate[0]);
    setWantClientAuth(true);
  }

  @Override
  protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
    return new TrustManager[] {new Deferred(issuers)};
  }

  /** Accepts any client chain at the TLS layer; never used for server certificates. */
  private static final class Deferred extends X509ExtendedTrustManager {
    private final X509Certificate[] issuers;

    Deferred(X509Certificate[] issuers) {
      this.issuers = issuers;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("empty client certificate chain");
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("not a client trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("not a client trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("not a client trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return issuers.clone();
    }
  }
}
