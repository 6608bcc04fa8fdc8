package org.openrms.rms.server.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openrms.core.CertificateExtensions;
import org.openrms.core.EcP256;
import org.openrms.core.Pem;
import org.openrms.core.wire.RmsOids;

/** Checks a machine certificate chain submitted for certification. */
public final class MachineChainVerifier {
  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

  private final X509Certificate root;

  /** A verifier that trusts machine certificates signed by {@code root}. */
  public MachineChainVerifier(X509Certificate root) {
    this.root = root;
  }

  /** A verified machine certificate and its fingerprint. */
  public record VerifiedMachine(X509Certificate certificate, String fingerprint) {}

  /**
   * Verifies the first certificate of the PEM chain: signed by our root, valid at {@code now},
   * carrying a well-formed fingerprint extension and an EC P-256 key.
   *
   * @throws IllegalArgumentException with a client-safe reason if any check fails
   */
  public VerifiedMachine verify(String pemChain, Instant now) {
    if (pemChain == null || pemChain.isBlank()) {
      throw new IllegalArgumentException("no machine certificate chain was sent");
    }
    List<X509Certificate> chain;
    try {
      chain = Pem.decodeChain(pemChain);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the machine certificate chain cannot be parsed");
    }
    X509Certificate machine = chain.get(0);
    if (!machine.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
      throw new IllegalArgumentException("the machine certificate was not issued by this server");
    }
    try {
      machine.verify(root.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the machine certificate was not issued by this server");
    }
    try {
      machine.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      throw new IllegalArgumentException("the machine certificate has expired");
    } catch (CertificateNotYetValidException e) {
      throw new IllegalArgumentException("the machine certificate is not valid yet");
    }
    Optional<String> fingerprint;
    try {
      fingerprint = CertificateExtensions.utf8(machine, RmsOids.MACHINE_FINGERPRINT);
    } catch (IllegalArgumentException e) {
      fingerprint = Optional.empty();
    }
    if (fingerprint.isEmpty() || !FINGERPRINT.matcher(fingerprint.get()).matches()) {
      throw new IllegalArgumentException("the certificate is not a machine certificate");
    }
    if (!EcP256.isP256(machine.getPublicKey())) {
      throw new IllegalArgumentException("the machine key is not an EC P-256 key");
    }
    return new VerifiedMachine(machine, fingerprint.get());
  }
}
