package org.openrms.rms.server;

import java.util.Objects;

/**
 * What an {@link IdentityDirectory} knows about an authenticated principal, as certification needs
 * it.
 *
 * @param login the name the audit log records for the principal (the Basic login, the account name
 *     of a directory entry, or the token's e-mail)
 * @param email the directory e-mail ({@code mail}), or {@code null} if the entry has none
 * @param displayName the display name (never {@code null}; the login if the entry has none)
 * @param verified whether the e-mail is verified (always true for an LDAP or AD {@code mail}, which
 *     the directory's administrators maintain)
 * @param enabled whether the account may be certified
 */
public record DirectoryEntry(
    String login, String email, String displayName, boolean verified, boolean enabled) {
  /** Checks the required fields. */
  public DirectoryEntry {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(displayName, "displayName");
  }

  /** The entry of a built-in directory account. */
  static DirectoryEntry of(UserRecord user) {
    return new DirectoryEntry(
        user.login(), user.email(), user.displayName(), user.verified(), user.enabled());
  }
}
