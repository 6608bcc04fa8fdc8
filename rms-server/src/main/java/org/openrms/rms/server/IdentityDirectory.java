package org.openrms.rms.server;

import java.util.Optional;

/**
 * Where the rights server finds who a caller is and which e-mail its RAC carries: the built-in
 * {@link UserDirectory} (the default) or an {@link LdapDirectory} (plain LDAP or Active Directory),
 * chosen with {@link RightsServerConfig.Builder#ldapDirectory(LdapDirectoryConfig)}.
 *
 * <p>Certification then checks the entry in a fixed order: enabled (else {@code REQUEST_DENIED}),
 * has an e-mail ({@code AD_ENTRY_NOT_FOUND}), the e-mail is an address ({@code INVALID_EMAIL}),
 * verified ({@code EMAIL_NOT_VERIFIED}). Implementations must be thread-safe.
 */
public interface IdentityDirectory {
  /**
   * Checks a login and password (HTTP Basic) the directory's own way: a password hash for the
   * built-in directory, a bind as the found entry for LDAP. Unknown logins and wrong passwords look
   * the same. The password array stays the caller's to zero.
   *
   * @return the entry (enabled or not) if the password is right, else empty
   * @throws DirectoryUnavailableException if the directory cannot be asked
   */
  Optional<DirectoryEntry> verifyPassword(String login, char[] password);

  /**
   * Looks up a principal that another mechanism authenticated (Kerberos, NTLM, …).
   *
   * @return the entry, or empty if the directory has none for the principal
   * @throws DirectoryUnavailableException if the directory cannot be asked
   */
  Optional<DirectoryEntry> lookup(DirectoryPrincipal principal);
}
