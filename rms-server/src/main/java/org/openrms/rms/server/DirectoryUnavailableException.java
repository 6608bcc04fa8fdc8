package org.openrms.rms.server;

/**
 * An {@link IdentityDirectory} (or an identity provider) could not be asked: down, timing out,
 * refusing the service bind. The server answers 503 {@code SERVER_ERROR}, which the client reports
 * as {@code E_DRM_SERVER_ERROR}. The message names the directory, never a password or a token.
 */
public final class DirectoryUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An unavailable directory with its reason. */
  public DirectoryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
