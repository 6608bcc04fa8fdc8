package org.openrms.rms.client.internal;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.core.Pem;
import org.openrms.core.wire.RmsOids;

/**
 * Verifies certificate chains from the server: each certificate valid at the client's clock with
 * the validity tolerance ({@link HResult#E_DRM_VALIDITYTIME_VIOLATION} otherwise), and the chain
 * chaining to a trusted root under the JDK PKIX rules ({@link
 * HResult#E_DRM_INVALID_SERVER_RESPONSE} otherwise).
 */
public final class ChainVerifier {
  private final TrustAnchors trust;
  private final Clock clock;
  private final Duration tolerance;

  ChainVerifier(TrustAnchors trust, Clock clock, Duration tolerance) {
    this.trust = trust;
    this.clock = clock;
    this.tolerance = tolerance;
  }

  /**
   * Parses and verifies a PEM chain (leaf first).
   *
   * @return the chain as parsed
   * @throws DrmException E_DRM_INVALID_SERVER_RESPONSE or E_DRM_VALIDITYTIME_VIOLATION
   */
  public List<X509Certificate> verify(String pem, String what) {
    List<X509Certificate> chain;
    try {
      chain = Pem.decodeChain(pem == null ? "" : pem);
    } catch (IllegalArgumentException e) {
      throw HResultTable.invalidResponse("the " + what + " is not a PEM certificate chain", e);
    }
    verify(chain, what);
    return chain;
  }

  /** Verifies a parsed chain (leaf first); see {@link #verify(String, String)}. */
  public void verify(List<X509Certificate> chain, String what) {
    List<X509Certificate> path = new ArrayList<>();
    for (X509Certificate c : chain) {
      if (!trust.isRoot(c)) {
        path.add(c);
      }
    }
    if (path.isEmpty()) {
      throw HResultTable.invalidResponse("the " + what + " holds only trusted roots", null);
    }
    Instant now = clock.instant();
    Instant latestStart = Instant.MIN;
    Instant earliestEnd = Instant.MAX;
    for (X509Certificate c : path) {
      Instant nb = c.getNotBefore().toInstant();
      Instant na = c.getNotAfter().toInstant();
      if (now.isBefore(nb.minus(tolerance)) || now.isAfter(na.plus(tolerance))) {
        throw new DrmException(
            HResult.E_DRM_VALIDITYTIME_VIOLATION,
            "the "
                + what
                + " certificate '"
                + c.getSubjectX500Principal().getName()
                + "' is valid from "
                + nb
                + " to "
                + na
                + ", not at the client time "
                + now
                + " (tolerance "
                + tolerance
                + ")");
      }
      latestStart = nb.isAfter(latestStart) ? nb : latestStart;
      earliestEnd = na.isBefore(earliestEnd) ? na : earliestEnd;
    }
    if (latestStart.isAfter(earliestEnd)) {
      throw new DrmException(
          HResult.E_DRM_VALIDITYTIME_VIOLATION,
          "the certificates of the " + what + " have no common validity period");
    }
    // Validity (with tolerance) is checked above; check the path at a time inside every validity.
    Instant at =
        now.isBefore(latestStart) ? latestStart : now.isAfter(earliestEnd) ? earliestEnd : now;
    try {
      if (trust.anchors().isEmpty()) {
        throw new CertPathValidatorException("no trusted roots configured");
      }
      CertPath cp = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters params = new PKIXParameters(trust.anchors());
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      params.addCertPathChecker(new OpenRmsExtensions());
      CertPathValidator.getInstance("PKIX").validate(cp, params);
    } catch (GeneralSecurityException e) {
      throw HResultTable.invalidResponse(
          "the " + what + " does not chain to a trusted root: " + e.getMessage(), e);
    }
  }

  /** Like {@link #verify(List, String)} but answers instead of throwing. */
  public boolean isValid(List<X509Certificate> chain) {
    try {
      verify(chain, "stored chain");
      return true;
    } catch (DrmException e) {
      return false;
    }
  }

  /** Accepts the OpenRMS extensions if a server marks them critical. */
  private static final class OpenRmsExtensions extends PKIXCertPathChecker {
    private static final Set<String> OIDS = Set.of(RmsOids.MACHINE_FINGERPRINT, RmsOids.RAC_INFO);

    @Override
    public void init(boolean forward) {}

    @Override
    public boolean isForwardCheckingSupported() {
      return true;
    }

    @Override
    public Set<String> getSupportedExtensions() {
      return OIDS;
    }

    @Override
    public void check(Certificate cert, Collection<String> unresolvedCritExts) {
      unresolvedCritExts.removeAll(OIDS);
    }
  }
}
