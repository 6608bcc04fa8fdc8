package org.openrms.auth;

import java.util.Arrays;
import java.util.Objects;

/**
 * The user name, domain and password an NTLM initiator authenticates with. The password is copied
 * in (the caller still owns and zeroes its own array) and zeroed by {@link #close()}; {@link
 * Ntlm#initiator} derives the NT hash at once, so the credentials can be closed as soon as the
 * context is created. User and domain are not treated as secret.
 */
public final class NtlmCredentials implements AutoCloseable {
  private final String user;
  private final String domain;
  private final char[] password;

  /**
   * Credentials for {@code domain\\user}.
   *
   * @param user the user name, not empty
   * @param domain the domain, or {@code ""} for a local account of the server (or a UPN user name)
   * @param password the password; copied
   * @throws IllegalArgumentException if {@code user} is empty
   */
  public NtlmCredentials(String user, String domain, char[] password) {
    this.user = Objects.requireNonNull(user, "user");
    this.domain = Objects.requireNonNull(domain, "domain");
    this.password = Objects.requireNonNull(password, "password").clone();
    if (user.isEmpty()) {
      throw new IllegalArgumentException("an NTLM user name must not be empty");
    }
  }

  /**
   * Credentials from a Windows-style login: {@code DOMAIN\\user} is split at the first backslash,
   * anything else ({@code user}, {@code user@realm}) is the user name with an empty domain.
   *
   * @param login the login
   * @param password the password; copied
   * @return the credentials (the caller closes them)
   */
  public static NtlmCredentials parse(String login, char[] password) {
    int slash = login.indexOf('\\');
    if (slash < 0) {
      return new NtlmCredentials(login, "", password);
    }
    return new NtlmCredentials(login.substring(slash + 1), login.substring(0, slash), password);
  }

  /** The user name. */
  public String user() {
    return user;
  }

  /** The domain, possibly empty. */
  public String domain() {
    return domain;
  }

  /** The password: the live array, zeroed by {@link #close()}. */
  public char[] password() {
    return password;
  }

  /** Zeroes the password; idempotent. */
  @Override
  public void close() {
    Arrays.fill(password, '\0');
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "NtlmCredentials[" + (domain.isEmpty() ? "" : domain + "\\") + user + "]";
  }
}
