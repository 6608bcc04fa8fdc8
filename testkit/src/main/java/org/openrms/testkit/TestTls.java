package org.openrms.testkit;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away test CA and a TLS certificate it issued for {@code 127.0.0.1} and {@code localhost}:
 * the HTTPS of the fake identity provider and the LDAPS of the in-memory directory.
 */
public final class TestTls {
  /** The password of {@link #serverKeyStore()}. */
  public static final char[] PASSWORD = "test-keystore".toCharArray();

  /** The CA certificate. */
  public final X509Certificate ca;

  /** The server's key pair. */
  public final KeyPair serverKeys;

  /** The server certificate (localhost, 127.0.0.1). */
  public final X509Certificate server;

  private TestTls(X509Certificate ca, KeyPair serverKeys, X509Certificate server) {
    this.ca = ca;
    this.serverKeys = serverKeys;
    this.server = server;
  }

  /** A new CA and server certificate (EC P-256). */
  public static TestTls create() throws Exception {
    KeyPair caKeys = p256();
    Instant now = Instant.now();
    X500Name caName = new X500Name("CN=OpenRMS test CA");
    JcaX509v3CertificateBuilder cab =
        new JcaX509v3CertificateBuilder(
            caName,
            BigInteger.ONE,
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            caName,
            caKeys.getPublic());
    cab.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    X509Certificate ca = sign(cab, caKeys);
    KeyPair serverKeys = p256();
    JcaX509v3CertificateBuilder sb =
        new JcaX509v3CertificateBuilder(
            caName,
            BigInteger.TWO,
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name("CN=localhost"),
            serverKeys.getPublic());
    sb.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
    return new TestTls(ca, serverKeys, sign(sb, caKeys));
  }

  /** A trust store holding only the CA. */
  public KeyStore trustStore() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("ca", ca);
    return ks;
  }

  /** The server key and chain under alias {@code tls}, password {@link #PASSWORD}. */
  public KeyStore serverKeyStore() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("tls", serverKeys.getPrivate(), PASSWORD, new X509Certificate[] {server, ca});
    return ks;
  }

  /** A server-side TLS context with the server key. */
  public SSLContext serverContext() throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(serverKeyStore(), PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  private static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair issuer)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }
}
