package org.openrms.rms.server.internal.http;

/**
 * What an audited request learned on its way, filled in by the endpoint: the authenticated login
 * and a short detail for the audit log. Confined to the request's thread.
 */
public final class Attempt {
  private String login;
  private String detail;
  private String replyChallenge;

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
