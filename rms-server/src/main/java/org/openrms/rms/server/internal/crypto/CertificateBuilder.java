package org.openrms.rms.server.internal.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds one X.509 v3 certificate. Bouncy Castle only assembles the ASN.1; signing and parsing use
 * the JDK providers (the BC provider is never registered).
 */
public final class CertificateBuilder {
  private final X500Name subject;
  private final PublicKey publicKey;
  private Instant notBefore;
  private Instant notAfter;
  private boolean ca;
  private int pathLength = -1;
  private int keyUsage;
  private final List<GeneralName> subjectAltNames = new ArrayList<>();
  private final List<Object[]> extensions = new ArrayList<>();

  private CertificateBuilder(X500Name subject, PublicKey publicKey) {
    this.subject = subject;
    this.publicKey = publicKey;
  }

  /** A certificate for {@code publicKey} with this subject. */
  public static CertificateBuilder forSubject(X500Name subject, PublicKey publicKey) {
    return new CertificateBuilder(subject, publicKey);
  }

  /** The validity period. */
  public CertificateBuilder validity(Instant from, Instant to) {
    this.notBefore = from;
    this.notAfter = to;
    return this;
  }

  /** Marks the certificate as a CA; {@code pathLength} -1 for no limit. */
  public CertificateBuilder ca(int pathLength) {
    this.ca = true;
    this.pathLength = pathLength;
    return this;
  }

  /** Key usage bits, from {@link KeyUsage} constants, or-ed. */
  public CertificateBuilder keyUsage(int bits) {
    this.keyUsage = bits;
    return this;
  }

  /** Adds a subject alternative name. */
  public CertificateBuilder subjectAltName(GeneralName name) {
    subjectAltNames.add(name);
    return this;
  }

  /** Adds a non-critical extension whose value is the given DER encoding. */
  public CertificateBuilder extension(String oid, byte[] der) {
    extensions.add(new Object[] {oid, der.clone()});
    return this;
  }

  /** Signs with the issuer key (SHA256withECDSA) and returns the JDK certificate. */
  public X509Certificate signBy(
      X509Certificate issuerCert, PrivateKey issuerKey, SecureRandom random) {
    return sign(
        X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded()),
        issuerCert.getPublicKey(),
        issuerKey,
        random);
  }

  /** Self-signs with the subject's own private key. */
  public X509Certificate selfSign(PrivateKey key, SecureRandom random) {
    return sign(subject, publicKey, key, random);
  }

  private X509Certificate sign(
      X500Name issuer, PublicKey issuerPublicKey, PrivateKey issuerKey, SecureRandom random) {
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuer,
              newSerial(random),
              Date.from(notBefore),
              Date.from(notAfter),
              subject,
              publicKey);
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      b.addExtension(
          Extension.basicConstraints,
          true,
          ca
              ? (pathLength >= 0 ? new BasicConstraints(pathLength) : new BasicConstraints(true))
              : new BasicConstraints(false));
      if (keyUsage != 0) {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      }
      b.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          utils.createAuthorityKeyIdentifier(issuerPublicKey));
      if (!subjectAltNames.isEmpty()) {
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(subjectAltNames.toArray(new GeneralName[0])));
      }
      for (Object[] ext : extensions) {
        b.addExtension(new ASN1ObjectIdentifier((String) ext[0]), false, (byte[]) ext[1]);
      }
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
      return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot build certificate for " + subject, e);
    }
  }

  /** A positive random 127-bit serial number. */
  private static BigInteger newSerial(SecureRandom random) {
    BigInteger serial;
    do {
      serial = new BigInteger(127, random);
    } while (serial.signum() == 0);
    return serial;
  }
}
