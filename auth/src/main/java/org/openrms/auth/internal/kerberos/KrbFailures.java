package org.openrms.auth.internal.kerberos;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSException;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;

/**
 * Maps JGSS and JAAS failures to {@link SecurityContextException} reasons. The JDK reports the
 * Kerberos error code (RFC 4120 §7.5.9) only as {@code "… (NN)"} in its messages, so the last such
 * number decides when the GSS major code does not.
 */
public final class KrbFailures {
  private static final Pattern CODE = Pattern.compile("\\((\\d{1,3})\\)");

  private KrbFailures() {}

  /** The reason for a JGSS failure. */
  public static SecurityContextException of(GSSException e, String what) {
    Reason reason =
        switch (e.getMajor()) {
          case GSSException.DEFECTIVE_TOKEN, GSSException.BAD_MECH -> Reason.MALFORMED;
          case GSSException.BAD_MIC -> Reason.TAMPERED;
          case GSSException.DUPLICATE_TOKEN, GSSException.OLD_TOKEN -> Reason.REPLAYED;
          case GSSException.CREDENTIALS_EXPIRED, GSSException.CONTEXT_EXPIRED -> Reason.EXPIRED;
          default -> byCode(messages(e));
        };
    return new SecurityContextException(reason, what + ": " + e.getMessage(), e);
  }

  /** The reason for a JAAS Kerberos login failure. */
  public static SecurityContextException of(LoginException e, String what) {
    return new SecurityContextException(byCode(messages(e)), what + ": " + e.getMessage(), e);
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(' ').append(t.getMessage());
      if (t.getCause() == t) {
        break;
      }
    }
    return sb.toString();
  }

  static Reason byCode(String message) {
    Matcher m = CODE.matcher(message);
    int code = -1;
    while (m.find()) {
      code = Integer.parseInt(m.group(1));
    }
    return switch (code) {
      // KDC_ERR_KEY_EXPIRED, KRB_AP_ERR_TKT_EXPIRED, KRB_AP_ERR_TKT_NYV, KRB_AP_ERR_SKEW
      case 23, 32, 33, 37 -> Reason.EXPIRED;
      case 34 -> Reason.REPLAYED; // KRB_AP_ERR_REPEAT
      case 12, 14, 16 -> Reason.REFUSED; // KDC_ERR_POLICY, ETYPE_NOSUPP, PADATA_TYPE_NOSUPP
      default -> Reason.BAD_CREDENTIALS;
    };
  }
}
