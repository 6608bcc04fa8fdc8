package org.openrms.wsman.client.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context of a session: the server certificate must chain to the trust material (the JDK
 * trust store unless another is given) and name the address of the connection string, unless the
 * session skips a check; an optional client certificate. Never trust-all unless SkipCACheck.
 */
public final class Tls {
  private Tls() {}

  /**
   * A TLS context.
   *
   * @param trustStore the trusted certificates, or null for the JDK default trust store
   * @param checkCa false with SkipCACheck
   * @param expectedName the host the certificate must name, or null with SkipCNCheck
   * @param clientKey the client certificate's key, or null
   * @param clientChain the client certificate chain (with clientKey)
   */
  public static SSLContext context(
      KeyStore trustStore,
      boolean checkCa,
      String expectedName,
      PrivateKey clientKey,
      X509Certificate[] clientChain)
      throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trustStore);
    X509TrustManager delegate = null;
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        delegate = x;
      }
    }
    if (delegate == null) {
      throw new GeneralSecurityException("no X.509 trust manager");
    }
    KeyManager[] keyManagers = null;
    if (clientKey != null) {
      char[] pw = "openrms".toCharArray();
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try {
        ks.load(null, null);
      } catch (java.io.IOException e) {
        throw new GeneralSecurityException(e);
      }
      ks.setKeyEntry("client", clientKey, pw, clientChain);
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
      keyManagers = kmf.getKeyManagers();
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(
        keyManagers,
        new TrustManager[] {new CheckingTrustManager(delegate, checkCa, expectedName)},
        null);
    return ctx;
  }

  /** Whether {@code cert} names {@code host}: IP SANs for an IP literal, DNS SANs (or CN) else. */
  static boolean matches(X509Certificate cert, String host) throws CertificateParsingException {
    boolean ip = host.indexOf(':') >= 0 || Hosts.isIpv4(host);
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    boolean anyDns = false;
    if (sans != null) {
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        String value = String.valueOf(san.get(1));
        if (ip && type == 7 && sameAddress(value, host)) {
          return true;
        }
        if (type == 2) {
          anyDns = true;
          if (!ip && dnsMatches(value, host)) {
            return true;
          }
        }
      }
    }
    if (ip || anyDns) {
      return false;
    }
    String cn = commonName(cert);
    return cn != null && dnsMatches(cn, host);
  }

  private static boolean sameAddress(String san, String host) {
    byte[] a = address(san);
    byte[] b = address(host);
    return a != null && Arrays.equals(a, b);
  }

  private static byte[] address(String text) {
    if (Hosts.isIpv4(text)) {
      String[] p = text.split("\\.");
      byte[] out = new byte[4];
      for (int i = 0; i < 4; i++) {
        out[i] = (byte) Integer.parseInt(p[i]);
      }
      return out;
    }
    try {
      return Hosts.parseIpv6(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean dnsMatches(String pattern, String host) {
    String p = trimDot(pattern.toLowerCase(Locale.ROOT));
    String h = trimDot(host.toLowerCase(Locale.ROOT));
    if (!p.startsWith("*.")) {
      return p.equals(h);
    }
    int dot = h.indexOf('.');
    // A wildcard covers exactly one leftmost label, and never a bare public suffix like *.com.
    return dot > 0 && p.indexOf('.', 2) > 0 && h.substring(dot).equals(p.substring(1));
  }

  private static String trimDot(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String commonName(X509Certificate cert) {
    try {
      String cn = null;
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          cn = String.valueOf(rdn.getValue());
        }
      }
      return cn;
    } catch (InvalidNameException e) {
      return null;
    }
  }

  /** The CA check by the PKIX delegate, then the name check, each failing with its own tag. */
  private static final class CheckingTrustManager extends X509ExtendedTrustManager {
    private final X509TrustManager delegate;
    private final boolean checkCa;
    private final String expectedName;

    CheckingTrustManager(X509TrustManager delegate, boolean checkCa, String expectedName) {
      this.delegate = delegate;
      this.checkCa = checkCa;
      this.expectedName = expectedName;
    }

    private void check(X509Certificate[] chain, String authType) throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateCheckFailure(false, "the server sent no certificate", null);
      }
      if (checkCa) {
        try {
          delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
          throw new CertificateCheckFailure(
              false,
              "the server certificate '"
                  + chain[0].getSubjectX500Principal().getName()
                  + "' does not chain to a trusted certificate authority ("
                  + e.getMessage()
                  + "); SkipCACheck turns this check off",
              e);
        }
      }
      if (expectedName != null && !matches(chain[0], expectedName)) {
        throw new CertificateCheckFailure(
            true,
            "the server certificate '"
                + chain[0].getSubjectX500Principal().getName()
                + "' does not name the address '"
                + expectedName
                + "' of the connection string; SkipCNCheck turns this check off",
            null);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      check(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a client does not accept client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return checkCa ? delegate.getAcceptedIssuers() : new X509Certificate[0];
    }
  }
}
