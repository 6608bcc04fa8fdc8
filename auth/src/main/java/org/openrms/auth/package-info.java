/**
 * Credentials and mechanisms shared by both protocols (the rights-management HTTP API and
 * WS-Management): the HTTP Basic credentials codec ({@link org.openrms.auth.BasicCredentials}),
 * salted PBKDF2-HMAC-SHA256 password hashes ({@link org.openrms.auth.PasswordHash}), and the
 * connection-oriented mechanisms behind one {@link org.openrms.auth.SecurityContext}: Kerberos
 * through the JDK's JGSS ({@link org.openrms.auth.Kerberos}, {@link
 * org.openrms.auth.KerberosCredentials}) and SPNEGO over our own token codec ({@link
 * org.openrms.auth.Spnego}). JDK only.
 */
package org.openrms.auth;
