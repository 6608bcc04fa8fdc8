package org.openrms.cli.internal;

import org.openrms.core.HResult;

/**
 * Process exit codes of {@code openrms}. Failures of a rights-management operation are grouped by
 * what the user can do about them; the HRESULT itself is always printed in words and hex.
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** The operation failed for a reason not listed below. */
  public static final int FAILED = 1;

  /** Bad command line (picocli's own usage code). */
  public static final int USAGE = 2;

  /** Local problem: unreadable file, bad configuration, data directory in use. */
  public static final int LOCAL = 3;

  /** Could not reach the server (NO_CONNECT, SERVER_NOT_FOUND, SERVICE_MOVED, SERVICE_GONE). */
  public static final int CONNECTION = 4;

  /** The server refused the identity (authentication, directory, e-mail, policy). */
  public static final int IDENTITY = 5;

  /** The server failed or answered something that cannot be trusted. */
  public static final int SERVER = 6;

  /** The operation was cancelled. */
  public static final int ABORTED = 7;

  private ExitCodes() {}

  /** The exit code for a failed HRESULT. */
  public static int forHResult(HResult h) {
    switch (h) {
      case E_DRM_NO_CONNECT:
      case E_DRM_SERVER_NOT_FOUND:
      case E_DRM_SERVICE_MOVED:
      case E_DRM_SERVICE_GONE:
      case E_DRM_SERVICE_NOT_FOUND:
        return CONNECTION;
      case E_DRM_AUTHENTICATION_FAILED:
      case E_DRM_REQUEST_DENIED:
      case E_DRM_AD_ENTRY_NOT_FOUND:
      case E_DRM_INVALID_EMAIL:
      case E_DRM_EMAIL_NOT_VERIFIED:
        return IDENTITY;
      case E_DRM_SERVER_ERROR:
      case E_DRM_INVALID_SERVER_RESPONSE:
      case E_DRM_VALIDITYTIME_VIOLATION:
        return SERVER;
      case E_DRM_ABORTED:
        return ABORTED;
      default:
        return FAILED;
    }
  }

  /** The line the CLI prints for a failed HRESULT: name, hex value and meaning. */
  public static String describe(HResult h) {
    return h.name() + " (" + h.hex() + "): " + h.meaning();
  }
}
