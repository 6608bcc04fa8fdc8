package org.openrms.rms.server.internal.http;

import org.eclipse.jetty.server.ConnectionMetaData;

/**
 * What an audited request learned on its way, filled in by the endpoint: the authenticated login
 * and a short detail for the audit log. Confined to the request's thread.
 */
public final class Attempt {
  private final ConnectionMetaData connection;
  private String login;
  private String detail;
  private String replyChallenge;

  /** An attempt outside any connection (connection-bound schemes such as NTLM then fail). */
  public Attempt() {
    this(null);
  }

  /** An attempt on this connection, where connection-bound schemes (NTLM) keep their state. */
  public Attempt(ConnectionMetaData connection) {
    this.connection = connection;
  }

  /** The connection of the request, or {@code null}. */
  public ConnectionMetaData connection() {
    return connection;
  }

  /** The authenticated login, or {@code null}. */
  public String login() {
    return login;
  }

  /** Records the authenticated login. */
  public void login(String login) {
    this.login = login;
  }

  /** The detail, or {@code null}. */
  public String detail() {
    return detail;
  }

  /** Records a detail (serial issued …). */
  public void detail(String detail) {
    this.detail = detail;
  }

  /** The {@code WWW-Authenticate} value that finishes the authentication, or {@code null}. */
  public String replyChallenge() {
    return replyChallenge;
  }

  /** Records the {@code WWW-Authenticate} value the answer carries (Kerberos mutual auth). */
  public void replyChallenge(String challenge) {
    this.replyChallenge = challenge;
  }
}
