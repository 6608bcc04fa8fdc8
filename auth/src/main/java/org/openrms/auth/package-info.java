/**
 * Credentials and mechanisms shared by both protocols (the rights-management HTTP API and
 * WS-Management): the HTTP Basic credentials codec ({@link org.openrms.auth.BasicCredentials}) and
 * salted PBKDF2-HMAC-SHA256 password hashes ({@link org.openrms.auth.PasswordHash}). JDK only.
 */
package org.openrms.auth;
