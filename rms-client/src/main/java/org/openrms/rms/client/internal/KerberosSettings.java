package org.openrms.rms.client.internal;

import java.nio.file.Path;

/**
 * How a client authenticates {@code WINDOWS_AUTH} requests with Kerberos ({@code Negotiate}).
 *
 * @param servicePrincipal the rights server's service principal, or {@code null} for {@code
 *     HTTP/<host of the URL>}; one without realm is in the client principal's realm
 * @param ticketCache the ticket cache of the logged-on identity, or {@code null} for {@code
 *     KRB5CCNAME} (a {@code FILE:} cache), else {@code /tmp/krb5cc_<uid>}
 * @param forCredentials whether explicit credentials (login and password) get a Kerberos ticket and
 *     go as {@code Negotiate} instead of Basic
 */
public record KerberosSettings(String servicePrincipal, Path ticketCache, boolean forCredentials) {
  /** The defaults: derived service principal, default ticket cache, Basic for credentials. */
  public static final KerberosSettings DEFAULTS = new KerberosSettings(null, null, false);
}
