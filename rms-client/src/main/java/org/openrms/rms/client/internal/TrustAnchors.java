package org.openrms.rms.client.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The trusted roots of a client, used both as TLS trust anchors and as the anchors machine and RAC
 * chains must chain to. There is no trust-all mode.
 */
public final class TrustAnchors {
  private final List<X509Certificate> roots;
  private final Set<TrustAnchor> anchors;
  private final SSLContext sslContext;

  /**
   * @param configured the configured roots, or {@code null} for the JDK default trust store
   */
  public TrustAnchors(List<X509Certificate> configured) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (configured == null) {
        tmf.init((KeyStore) null);
      } else {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (X509Certificate c : configured) {
          ks.setCertificateEntry("root-" + i++, c);
        }
        tmf.init(ks);
      }
      X509TrustManager tm = null;
      for (TrustManager t : tmf.getTrustManagers()) {
        if (t instanceof X509TrustManager) {
          tm = (X509TrustManager) t;
        }
      }
      if (tm == null) {
        throw new IllegalStateException("the JDK offers no X509TrustManager");
      }
      this.roots = configured != null ? List.copyOf(configured) : List.of(tm.getAcceptedIssuers());
      Set<TrustAnchor> a = new HashSet<>();
      for (X509Certificate c : roots) {
        a.add(new TrustAnchor(c, null));
      }
      this.anchors = Set.copyOf(a);
      this.sslContext = SSLContext.getInstance("TLS");
      sslContext.init(null, new TrustManager[] {tm}, null);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot set up the trust anchors", e);
    }
  }

  /** The root certificates. */
  public List<X509Certificate> roots() {
    return roots;
  }

  /** The roots as PKIX trust anchors. */
  public Set<TrustAnchor> anchors() {
    return anchors;
  }

  /** A TLS context that trusts exactly these roots. */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** Whether a certificate is one of the roots. */
  public boolean isRoot(X509Certificate c) {
    return roots.contains(c);
  }
}
