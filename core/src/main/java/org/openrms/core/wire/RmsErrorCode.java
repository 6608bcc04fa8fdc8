package org.openrms.core.wire;

import java.util.Arrays;
import java.util.Optional;
import org.openrms.core.HResult;

/**
 * The stable error codes of the rights server API, each with its HTTP status and the HRESULT the
 * client reports for it. This is the single table both sides use.
 */
public enum RmsErrorCode {
  /** The request body is malformed or misses a field. */
  BAD_REQUEST(400, HResult.E_DRM_ACTIVATIONFAILED, "The request is not valid."),
  /** No or wrong credentials. */
  AUTHENTICATION_FAILED(401, HResult.E_DRM_AUTHENTICATION_FAILED, "Authentication failed."),
  /** The account is disabled or not allowed by policy. */
  REQUEST_DENIED(403, HResult.E_DRM_REQUEST_DENIED, "The request was denied by policy."),
  /** The authenticated principal has no directory entry (no e-mail). */
  AD_ENTRY_NOT_FOUND(403, HResult.E_DRM_AD_ENTRY_NOT_FOUND, "No directory entry for the user."),
  /** The directory's e-mail for the user is not a valid address. */
  INVALID_EMAIL(403, HResult.E_DRM_INVALID_EMAIL, "The directory e-mail is not valid."),
  /** The user's e-mail is not verified. */
  EMAIL_NOT_VERIFIED(403, HResult.E_DRM_EMAIL_NOT_VERIFIED, "The e-mail is not verified."),
  /** The machine certificate chain is missing, invalid, expired or not ours. */
  NEEDS_MACHINE_ACTIVATION(
      409, HResult.E_DRM_NEEDS_MACHINE_ACTIVATION, "The machine certificate is not valid."),
  /** No such endpoint. */
  NOT_FOUND(404, HResult.E_DRM_SERVER_NOT_FOUND, "No such service."),
  /** The service was decommissioned. */
  SERVICE_GONE(410, HResult.E_DRM_SERVICE_GONE, "The service was decommissioned."),
  /** Anything the server could not handle. */
  SERVER_ERROR(500, HResult.E_DRM_SERVER_ERROR, "Internal server error.");

  private final int httpStatus;
  private final HResult hresult;
  private final String title;

  RmsErrorCode(int httpStatus, HResult hresult, String title) {
    this.httpStatus = httpStatus;
    this.hresult = hresult;
    this.title = title;
  }

  /** The HTTP status the server answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The HRESULT the client reports. */
  public HResult hresult() {
    return hresult;
  }

  /** A short fixed summary. */
  public String title() {
    return title;
  }

  /** Reverse lookup by name, as found in {@link Problem#code()}. */
  public static Optional<RmsErrorCode> fromName(String name) {
    return Arrays.stream(values()).filter(c -> c.name().equals(name)).findFirst();
  }
}
