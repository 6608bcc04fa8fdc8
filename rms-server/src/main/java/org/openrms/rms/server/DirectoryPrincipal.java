package org.openrms.rms.server;

import java.util.Objects;

/**
 * An already authenticated principal (a Kerberos or NTLM peer, for instance) that an {@link
 * IdentityDirectory} looks up.
 *
 * @param kind how {@code name} identifies the account
 * @param name the identifier: an account name, a user principal name ({@code alice@EXAMPLE.COM}) or
 *     a SID in its string form ({@code S-1-5-21-…})
 */
public record DirectoryPrincipal(Kind kind, String name) {
  /** How a principal names its account. */
  public enum Kind {
    /** The logon name: {@code uid} in plain LDAP, {@code sAMAccountName} in Active Directory. */
    ACCOUNT_NAME,
    /** The user principal name ({@code userPrincipalName} in Active Directory). */
    USER_PRINCIPAL_NAME,
    /** The security identifier ({@code objectSid} or {@code sIDHistory} in Active Directory). */
    SID
  }

  /** Checks that both fields are present. */
  public DirectoryPrincipal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** A principal named by its logon name. */
  public static DirectoryPrincipal accountName(String name) {
    return new DirectoryPrincipal(Kind.ACCOUNT_NAME, name);
  }

  /** A principal named by its user principal name. */
  public static DirectoryPrincipal userPrincipalName(String upn) {
    return new DirectoryPrincipal(Kind.USER_PRINCIPAL_NAME, upn);
  }

  /** A principal named by its SID ({@code S-1-5-21-…}). */
  public static DirectoryPrincipal sid(String sid) {
    return new DirectoryPrincipal(Kind.SID, sid);
  }
}
