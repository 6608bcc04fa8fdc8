package org.openrms.rms.server.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.openrms.core.CertificateExtensions;
import org.openrms.core.EcP256;
import org.openrms.core.Pem;
import org.openrms.core.wire.RmsOids;
import org.openrms.rms.server.internal.DataFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's certificate authority: a root CA (signs machine certificates and the TLS
 * certificate) and a Server Licensor Certificate under it (signs RACs), both EC P-256, kept in
 * {@code keys.p12}. Created on first start and reused afterwards.
 */
public final class CertificateAuthority {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateAuthority.class);
  private static final String ROOT = "root";
  private static final String SLC = "slc";
  private static final String TLS = "tls";
  private static final Duration ROOT_VALIDITY = Duration.ofDays(20L * 365);
  private static final Duration SLC_VALIDITY = Duration.ofDays(5L * 365);
  private static final Duration TLS_VALIDITY = Duration.ofDays(2L * 365);
  private static final Duration TLS_RENEW_BEFORE = Duration.ofDays(30);

  /** File name of the PEM root certificate written for clients. */
  public static final String ROOT_PEM = "root-ca.pem";

  private final X509Certificate root;
  private final PrivateKey rootKey;
  private final X509Certificate slc;
  private final PrivateKey slcKey;
  private final X509Certificate tls;
  private final PrivateKey tlsKey;
  private final SecureRandom random;

  private CertificateAuthority(KeyStore ks, char[] password, SecureRandom random)
      throws GeneralSecurityException {
    this.root = (X509Certificate) ks.getCertificate(ROOT);
    this.rootKey = (PrivateKey) ks.getKey(ROOT, password);
    this.slc = (X509Certificate) ks.getCertificate(SLC);
    this.slcKey = (PrivateKey) ks.getKey(SLC, password);
    this.tls = (X509Certificate) ks.getCertificate(TLS);
    this.tlsKey = (PrivateKey) ks.getKey(TLS, password);
    this.random = random;
  }

  /**
   * Loads the CA from the data directory, creating the root and SLC on first start and a TLS
   * certificate whenever the stored one is missing, about to expire or lacks one of {@code
   * tlsNames}. Writes {@code root-ca.pem}.
   */
  public static CertificateAuthority loadOrCreate(
      Path dataDir, String serverId, Clock clock, SecureRandom random, TlsNames tlsNames) {
    KeyStoreFile file = new KeyStoreFile(dataDir);
    char[] password = null;
    try {
      KeyStore ks;
      boolean dirty = false;
      if (file.exists()) {
        password = file.readPassword();
        ks = file.load(password);
        if (!ks.isKeyEntry(ROOT) || !ks.isKeyEntry(SLC)) {
          throw new IllegalStateException(
              dataDir.resolve(KeyStoreFile.KEYSTORE) + " lacks the root or SLC key entry");
        }
      } else {
        password = file.createPassword(random);
        ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        createRootAndSlc(ks, password, serverId, clock.instant(), random);
        dirty = true;
        LOG.info("created a new root CA and SLC in {}", dataDir.resolve(KeyStoreFile.KEYSTORE));
      }
      if (needsNewTls(ks, clock.instant(), tlsNames)) {
        createTls(ks, password, clock.instant(), random, tlsNames);
        dirty = true;
        LOG.info("issued a TLS certificate for {}", tlsNames.describe());
      }
      if (dirty) {
        file.save(ks, password);
      }
      CertificateAuthority ca = new CertificateAuthority(ks, password, random);
      DataFiles.writeAtomically(
          dataDir.resolve(ROOT_PEM),
          Pem.encodeChain(List.of(ca.root)).getBytes(StandardCharsets.US_ASCII),
          false);
      return ca;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot load or create the certificate authority", e);
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }

  private static void createRootAndSlc(
      KeyStore ks, char[] password, String serverId, Instant now, SecureRandom random)
      throws GeneralSecurityException {
    Instant from = now.minus(Duration.ofHours(1));
    KeyPair rootPair = EcP256.generate(random);
    X509Certificate root =
        CertificateBuilder.forSubject(caName("OpenRMS Root CA", serverId), rootPair.getPublic())
            .validity(from, now.plus(ROOT_VALIDITY))
            .ca(-1)
            .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature)
            .selfSign(rootPair.getPrivate(), random);
    KeyPair slcPair = EcP256.generate(random);
    X509Certificate slc =
        CertificateBuilder.forSubject(
                caName("OpenRMS Server Licensor", serverId), slcPair.getPublic())
            .validity(from, now.plus(SLC_VALIDITY))
            .ca(0)
            .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature)
            .signBy(root, rootPair.getPrivate(), random);
    ks.setKeyEntry(ROOT, rootPair.getPrivate(), password, new Certificate[] {root});
    ks.setKeyEntry(SLC, slcPair.getPrivate(), password, new Certificate[] {slc, root});
  }

  private static boolean needsNewTls(KeyStore ks, Instant now, TlsNames names)
      throws GeneralSecurityException {
    if (!ks.isKeyEntry(TLS)) {
      return true;
    }
    X509Certificate cert = (X509Certificate) ks.getCertificate(TLS);
    X509Certificate root = (X509Certificate) ks.getCertificate(ROOT);
    if (cert.getNotAfter().toInstant().isBefore(now.plus(TLS_RENEW_BEFORE))
        || !cert.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
      return true;
    }
    return !names.coveredBy(cert);
  }

  private static void createTls(
      KeyStore ks, char[] password, Instant now, SecureRandom random, TlsNames names)
      throws GeneralSecurityException {
    X509Certificate root = (X509Certificate) ks.getCertificate(ROOT);
    PrivateKey rootKey = (PrivateKey) ks.getKey(ROOT, password);
    KeyPair pair = EcP256.generate(random);
    CertificateBuilder b =
        CertificateBuilder.forSubject(
                new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "OpenRMS")
                    .addRDN(BCStyle.CN, names.primaryName())
                    .build(),
                pair.getPublic())
            .validity(now.minus(Duration.ofHours(1)), min(now.plus(TLS_VALIDITY), root))
            .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement);
    for (GeneralName n : names.generalNames()) {
      b.subjectAltName(n);
    }
    X509Certificate cert = b.signBy(root, rootKey, random);
    ks.setKeyEntry(TLS, pair.getPrivate(), password, new Certificate[] {cert, root});
  }

  private static X500Name caName(String cn, String serverId) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "OpenRMS")
        .addRDN(BCStyle.OU, "server " + serverId)
        .addRDN(BCStyle.CN, cn)
        .build();
  }

  private static Instant min(Instant wanted, X509Certificate issuer) {
    Instant limit = issuer.getNotAfter().toInstant();
    return wanted.isAfter(limit) ? limit : wanted;
  }

  /** The self-signed root CA certificate. */
  public X509Certificate root() {
    return root;
  }

  /** The Server Licensor Certificate (signs RACs). */
  public X509Certificate slc() {
    return slc;
  }

  /**
   * An in-memory keystore holding only the TLS key and its chain (TLS certificate, root), under
   * alias {@code tls} and the given password, for the HTTPS connector.
   */
  public KeyStore tlsKeyStore(char[] password) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(TLS, tlsKey, password, new Certificate[] {tls, root});
      return ks;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build the TLS keystore", e);
    }
  }

  /** The TLS server certificate. */
  public X509Certificate tlsCertificate() {
    return tls;
  }

  /**
   * Issues a machine certificate for the client's key, signed by the root.
   *
   * @param fingerprint lowercase hex machine fingerprint, carried in {@link
   *     RmsOids#MACHINE_FINGERPRINT}
   */
  public X509Certificate issueMachineCertificate(
      PublicKey machineKey,
      String fingerprint,
      Instant now,
      Duration validity,
      Duration tolerance) {
    return CertificateBuilder.forSubject(
            new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "OpenRMS")
                .addRDN(BCStyle.CN, "machine-" + fingerprint.substring(0, 16))
                .build(),
            machineKey)
        .validity(now.minus(tolerance), min(now.plus(validity), root))
        .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement)
        .extension(RmsOids.MACHINE_FINGERPRINT, CertificateExtensions.derUtf8(fingerprint))
        .signBy(root, rootKey, random);
  }

  /**
   * Issues a rights account certificate for a fresh key, signed by the SLC.
   *
   * @param racInfo the {@link RmsOids#RAC_INFO} value, {@code "<groupIdType>;<racType>"}
   */
  public X509Certificate issueRac(
      PublicKey racKey,
      String displayName,
      String email,
      String racInfo,
      Instant now,
      Duration validity,
      Duration tolerance) {
    return CertificateBuilder.forSubject(
            new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, displayName)
                .addRDN(BCStyle.EmailAddress, email)
                .build(),
            racKey)
        .validity(now.minus(tolerance), min(now.plus(validity), slc))
        .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement)
        .subjectAltName(new GeneralName(GeneralName.rfc822Name, email))
        .extension(RmsOids.RAC_INFO, CertificateExtensions.derUtf8(racInfo))
        .signBy(slc, slcKey, random);
  }

  /** The PEM chain RAC, SLC, root. */
  public String racChainPem(X509Certificate rac) {
    return Pem.encodeChain(List.of(rac, slc, root));
  }

  /** The PEM chain machine certificate, root. */
  public String machineChainPem(X509Certificate machine) {
    return Pem.encodeChain(List.of(machine, root));
  }
}
