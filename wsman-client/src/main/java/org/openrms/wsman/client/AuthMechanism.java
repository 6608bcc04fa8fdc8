package org.openrms.wsman.client;

/**
 * How a session authenticates to the WS-Management service. {@link AuthSelector} chooses one from
 * the session flags, the connection options and the destination; {@link SessionPlan#mechanism()}
 * reports the choice.
 */
public enum AuthMechanism {
  /** No authentication ({@link SessionFlag#USE_NO_AUTHENTICATION}). */
  NONE,
  /** HTTP Basic with the user name and password of the connection options. */
  BASIC,
  /** HTTP Digest. */
  DIGEST,
  /** SPNEGO Negotiate: Kerberos when possible, NTLM otherwise. */
  NEGOTIATE,
  /** Kerberos through SPNEGO. */
  KERBEROS,
  /** CredSSP: the credentials are delegated to the service. */
  CREDSSP,
  /**
   * A TLS client certificate (the {@code https/mutual} security profile); only over HTTPS, and only
   * through {@link ConnectionOptions.Builder#authMechanism(AuthMechanism)}, since there is no
   * session flag for it.
   */
  CLIENT_CERTIFICATE
}
