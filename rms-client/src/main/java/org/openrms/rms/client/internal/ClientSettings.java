package org.openrms.rms.client.internal;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The immutable settings of a {@code RightsClient}, as its builder collected them.
 *
 * @param serviceUrl the {@code /rms/v1} base URL, or {@code null}
 * @param trustedRoots the trust anchors, or {@code null} for the JDK default trust store
 * @param login the Basic login, or {@code null}
 * @param password the client's own copy of the password (zeroed on close), or {@code null}
 * @param callbackExecutor the configured executor, or {@code null} for the shared default
 * @param allowBasicOverHttp whether credentials may be sent over plain HTTP (tests, lab setups)
 * @param idToken supplies the OpenID Connect ID token of {@code PASSPORT} sessions, or {@code null}
 * @param kerberos how {@code WINDOWS_AUTH} requests use Kerberos (never {@code null})
 * @param ntlmForCredentials whether explicit credentials go as NTLM under {@code Negotiate} instead
 *     of Basic (HTTPS only)
 */
public record ClientSettings(
    URI serviceUrl,
    List<X509Certificate> trustedRoots,
    String login,
    char[] password,
    Path storeDirectory,
    boolean serviceStore,
    Duration storeLockTimeout,
    Executor callbackExecutor,
    Clock clock,
    Duration validityTolerance,
    Duration connectTimeout,
    Duration requestTimeout,
    boolean allowBasicOverHttp,
    Supplier<String> idToken,
    KerberosSettings kerberos,
    boolean ntlmForCredentials) {

  /** The configured executor, or {@code null} when the default is used. */
  public Executor callbackExecutorOrNull() {
    return callbackExecutor;
  }

  /** The executor activations run on. */
  public Executor executor() {
    return callbackExecutor != null ? callbackExecutor : DefaultExecutor.INSTANCE;
  }

  /** {@code $XDG_DATA_HOME/openrms}, else {@code ~/.local/share/openrms}. */
  public static Path defaultStoreDirectory() {
    String xdg = System.getenv("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "openrms");
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "openrms");
  }
}
