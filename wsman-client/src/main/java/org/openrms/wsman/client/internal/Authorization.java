package org.openrms.wsman.client.internal;

import java.util.Arrays;
import java.util.function.Supplier;
import org.openrms.auth.BasicCredentials;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.client.ConnectionOptions;
import org.openrms.wsman.client.SessionFlag;
import org.openrms.wsman.client.SessionPlan;
import org.openrms.wsman.client.WsmanAuthenticationException;

/**
 * The {@code Authorization} header of a session's requests, made afresh for each request from the
 * plan's mechanism and connection options: none (also for Negotiate and Kerberos, whose tokens
 * belong to the connection: see {@link NegotiateConnection}), Basic (refused over plain HTTP unless
 * the session has NoEncryption or the client allows unencrypted traffic), or the {@code
 * https/mutual} profile of a client certificate. The password is copied out of the options for the
 * encoding only and zeroed at once; the options stay the caller's.
 */
public final class Authorization implements Supplier<String> {
  private final SessionPlan plan;
  private final boolean allowUnencrypted;

  /**
   * An authorization source.
   *
   * @param allowUnencrypted whether the client lets Basic go over plain HTTP in every session
   */
  public Authorization(SessionPlan plan, boolean allowUnencrypted) {
    this.plan = plan;
    this.allowUnencrypted = allowUnencrypted;
  }

  /**
   * The header value, or null for none.
   *
   * @throws WsmanAuthenticationException for Basic over plain HTTP that is not allowed
   * @throws UnsupportedOperationException for a mechanism this client does not implement yet
   * @throws IllegalStateException if the connection options were closed
   */
  @Override
  public String get() {
    switch (plan.mechanism()) {
      case NONE:
      case NEGOTIATE:
      case KERBEROS:
        return null; // connection-bound: NegotiateConnection sends the tokens
      case BASIC:
        return basic();
      case CLIENT_CERTIFICATE:
        return Namespaces.SECPROFILE_PREFIX + "https/mutual";
      default:
        throw new UnsupportedOperationException(
            plan.mechanism()
                + " authentication is not supported yet by this client; use Negotiate, Kerberos,"
                + " Basic (UseBasic with a user name and password) or a client certificate over"
                + " https");
    }
  }

  private String basic() {
    if (!plan.isHttps() && !plan.flags().contains(SessionFlag.NO_ENCRYPTION) && !allowUnencrypted) {
      throw new WsmanAuthenticationException(
          "Basic authentication over plain HTTP would send the password unencrypted to "
              + plan.endpoint()
              + "; use https, or set the NoEncryption session flag");
    }
    ConnectionOptions o = plan.options().orElseThrow();
    char[] password = o.password();
    try {
      return BasicCredentials.encode(o.userName().orElseThrow(), password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
