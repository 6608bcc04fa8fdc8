package org.openrms.cli.internal;

import java.io.PrintWriter;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import org.openrms.core.CertificateExtensions;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.core.Pem;
import org.openrms.core.wire.RmsOids;
import org.openrms.rms.client.ClientSession;
import org.openrms.rms.client.EnumerationFlag;

/** Reads what a license store holds through the SDK and prints it with validity. */
public final class StoreReport {
  /** One rights account certificate in the store. */
  public record Rac(
      String licenseId,
      String email,
      String info,
      Instant notBefore,
      Instant notAfter,
      List<X509Certificate> chain) {}

  private final X509Certificate machine;
  private final List<Rac> racs;

  private StoreReport(X509Certificate machine, List<Rac> racs) {
    this.machine = machine;
    this.racs = racs;
  }

  /** Enumerates the machine certificate and every RAC (expired ones too). */
  public static StoreReport read(ClientSession session) {
    X509Certificate machine = null;
    try {
      // EXPIRED: show this machine's certificate even when it is no longer valid (or cannot be
      // verified because no trust anchor was given); its validity is printed beside it.
      String pem =
          session
              .enumerateLicense(EnumSet.of(EnumerationFlag.MACHINE, EnumerationFlag.EXPIRED), 0)
              .data();
      machine = Pem.decodeChain(pem).get(0);
    } catch (DrmException e) {
      if (e.hresult() != HResult.E_DRM_NEEDS_MACHINE_ACTIVATION) {
        throw e;
      }
    }
    List<Rac> racs = new ArrayList<>();
    EnumSet<EnumerationFlag> chains =
        EnumSet.of(EnumerationFlag.GROUPIDENTITY, EnumerationFlag.EXPIRED);
    EnumSet<EnumerationFlag> lids =
        EnumSet.of(EnumerationFlag.GROUPIDENTITY_LID, EnumerationFlag.EXPIRED);
    for (int i = 0; ; i++) {
      String chainPem;
      String lid;
      try {
        chainPem = session.enumerateLicense(chains, i).data();
        lid = session.enumerateLicense(lids, i).data();
      } catch (DrmException e) {
        if (e.hresult() == HResult.E_DRM_NO_MORE_DATA) {
          break;
        }
        throw e;
      }
      List<X509Certificate> chain = Pem.decodeChain(chainPem);
      X509Certificate rac = chain.get(0);
      racs.add(
          new Rac(
              lid,
              email(rac),
              CertificateExtensions.utf8(rac, RmsOids.RAC_INFO).orElse("?"),
              rac.getNotBefore().toInstant(),
              rac.getNotAfter().toInstant(),
              chain));
    }
    return new StoreReport(machine, racs);
  }

  /** The machine certificate, or null if the machine is not activated for this user. */
  public X509Certificate machine() {
    return machine;
  }

  /** The RACs in store order. */
  public List<Rac> racs() {
    return racs;
  }

  /** Prints the report. */
  public void print(PrintWriter out, Clock clock) {
    Instant now = clock.instant();
    if (machine == null) {
      out.println("Machine: not activated");
    } else {
      out.println(
          "Machine: "
              + machine.getSubjectX500Principal().getName()
              + ", fingerprint "
              + CertificateExtensions.utf8(machine, RmsOids.MACHINE_FINGERPRINT).orElse("?")
              + ", "
              + validity(
                  machine.getNotBefore().toInstant(), machine.getNotAfter().toInstant(), now));
    }
    out.println("Rights account certificates: " + racs.size());
    for (Rac r : racs) {
      out.println(
          "  "
              + r.email()
              + "  ["
              + r.info()
              + "]  LID "
              + r.licenseId()
              + "  "
              + validity(r.notBefore(), r.notAfter(), now));
    }
  }

  private static String validity(Instant from, Instant until, Instant now) {
    String state = now.isBefore(from) ? "NOT YET VALID" : now.isAfter(until) ? "EXPIRED" : "valid";
    return state + " " + from + " .. " + until;
  }

  /** The rfc822Name of a certificate's subject alternative names. */
  public static String email(X509Certificate cert) {
    try {
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> n : names) {
          if (Integer.valueOf(1).equals(n.get(0))) {
            return (String) n.get(1);
          }
        }
      }
    } catch (CertificateParsingException e) {
      return "?";
    }
    return "?";
  }
}
