package org.openrms.auth.internal.kerberos;

import java.util.Arrays;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * A JAAS login with the JDK's {@code Krb5LoginModule}, configured in code (no {@code jaas.conf}, no
 * {@code java.security.auth.login.config}).
 */
public final class Jaas {
  private static final String MODULE = "com.sun.security.auth.module.Krb5LoginModule";
  private static final String NAME = "openrms-kerberos";

  private Jaas() {}

  /**
   * Logs in and returns the subject holding the tickets or keys.
   *
   * @param options Krb5LoginModule options
   * @param principal the principal for a password prompt, or null
   * @param password the password, or null; only read, the caller zeroes it
   */
  public static Subject login(Map<String, String> options, String principal, char[] password)
      throws LoginException {
    Configuration config =
        new Configuration() {
          @Override
          public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return new AppConfigurationEntry[] {
              new AppConfigurationEntry(
                  MODULE, AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)
            };
          }
        };
    Subject subject = new Subject();
    LoginContext lc =
        new LoginContext(
            NAME,
            subject,
            callbacks -> {
              for (Callback c : callbacks) {
                if (c instanceof NameCallback n && principal != null) {
                  n.setName(principal);
                } else if (c instanceof PasswordCallback p && password != null) {
                  p.setPassword(password); // PasswordCallback keeps a copy and clears it
                } else {
                  throw new UnsupportedCallbackException(c, "no interactive prompt");
                }
              }
            },
            config);
    lc.login();
    return subject;
  }

  /** Zeroes a password copy. */
  public static void zero(char[] password) {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }
}
