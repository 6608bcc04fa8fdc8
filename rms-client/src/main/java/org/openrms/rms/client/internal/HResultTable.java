package org.openrms.rms.client.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.core.wire.Problem;
import org.openrms.core.wire.RmsErrorCode;
import org.openrms.core.wire.WireJson;

/**
 * The one table that turns every transport or server condition into exactly one HRESULT (DESIGN.md,
 * "HTTP API"):
 *
 * <table>
 *   <caption>conditions and HRESULTs</caption>
 *   <tr><td>connection refused / reset / timed out, TLS failure</td><td>E_DRM_NO_CONNECT</td></tr>
 *   <tr><td>host name does not resolve; 404</td><td>E_DRM_SERVER_NOT_FOUND</td></tr>
 *   <tr><td>401</td><td>E_DRM_AUTHENTICATION_FAILED</td></tr>
 *   <tr><td>403 / 409 with a problem code</td><td>the code's HRESULT ({@link RmsErrorCode})</td></tr>
 *   <tr><td>403 without a known code</td><td>E_DRM_REQUEST_DENIED</td></tr>
 *   <tr><td>409 without a known code</td><td>E_DRM_NEEDS_MACHINE_ACTIVATION</td></tr>
 *   <tr><td>301 / 308 (never followed)</td><td>E_DRM_SERVICE_MOVED, param = Location</td></tr>
 *   <tr><td>410</td><td>E_DRM_SERVICE_GONE</td></tr>
 *   <tr><td>5xx</td><td>E_DRM_SERVER_ERROR</td></tr>
 *   <tr><td>unparsable body, bad chain, bad sealed key</td><td>E_DRM_INVALID_SERVER_RESPONSE
 *       ({@link #invalidResponse})</td></tr>
 *   <tr><td>certificate outside its validity</td><td>E_DRM_VALIDITYTIME_VIOLATION
 *       ({@link ChainVerifier})</td></tr>
 *   <tr><td>cancelled</td><td>E_DRM_ABORTED</td></tr>
 *   <tr><td>anything else</td><td>E_DRM_ACTIVATIONFAILED</td></tr>
 * </table>
 */
public final class HResultTable {
  private HResultTable() {}

  /** The failure for an exception of the HTTP transport. */
  public static DrmException forTransport(Throwable t, String url) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
        return new RmsFailure(
            HResult.E_DRM_SERVER_NOT_FOUND,
            "the server name of " + url + " does not resolve",
            null,
            t);
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SSLException) {
        return new RmsFailure(
            HResult.E_DRM_NO_CONNECT, "TLS with " + url + " failed: " + c.getMessage(), null, t);
      }
      if (c instanceof HttpConnectTimeoutException
          || c instanceof HttpTimeoutException
          || c instanceof ConnectException
          || c instanceof NoRouteToHostException) {
        return new RmsFailure(
            HResult.E_DRM_NO_CONNECT, "cannot connect to " + url + ": " + c, null, t);
      }
    }
    if (t instanceof java.io.IOException) {
      // reset, closed, EOF: the connection failed
      return new RmsFailure(
          HResult.E_DRM_NO_CONNECT, "connection to " + url + " failed: " + t, null, t);
    }
    return new RmsFailure(
        HResult.E_DRM_ACTIVATIONFAILED, "request to " + url + " failed: " + t, null, t);
  }

  /**
   * The failure for an HTTP answer that is not a success, or empty for 2xx.
   *
   * @param location the {@code Location} header, if any
   */
  public static Optional<DrmException> forStatus(
      int status, String body, Optional<String> location, String url) {
    if (status >= 200 && status < 300) {
      return Optional.empty();
    }
    Optional<RmsErrorCode> code = problemCode(body).filter(c -> c.httpStatus() == status);
    String where = " from " + url;
    HResult hr;
    Object param = null;
    if (status == 301 || status == 308) {
      if (location.isEmpty()) {
        return Optional.of(invalidResponse("a redirect without Location" + where, null));
      }
      hr = HResult.E_DRM_SERVICE_MOVED;
      param = location.get();
      where = where + " to " + location.get();
    } else if (status == 401) {
      hr = HResult.E_DRM_AUTHENTICATION_FAILED;
    } else if (status == 403) {
      hr = code.map(RmsErrorCode::hresult).orElse(HResult.E_DRM_REQUEST_DENIED);
    } else if (status == 404) {
      hr = HResult.E_DRM_SERVER_NOT_FOUND;
    } else if (status == 409) {
      hr = code.map(RmsErrorCode::hresult).orElse(HResult.E_DRM_NEEDS_MACHINE_ACTIVATION);
    } else if (status == 410) {
      hr = HResult.E_DRM_SERVICE_GONE;
    } else if (status >= 500 && status < 600) {
      hr = HResult.E_DRM_SERVER_ERROR;
    } else {
      hr = HResult.E_DRM_ACTIVATIONFAILED;
    }
    String detail = problemDetail(body).map(d -> ": " + d).orElse("");
    return Optional.of(new RmsFailure(hr, "HTTP " + status + where + detail, param, null));
  }

  /** The failure for a response that cannot be used (body, chain or sealed key). */
  public static DrmException invalidResponse(String what, Throwable cause) {
    return new RmsFailure(HResult.E_DRM_INVALID_SERVER_RESPONSE, what, null, cause);
  }

  /** The failure for a cancelled activation. */
  public static DrmException aborted() {
    return new RmsFailure(HResult.E_DRM_ABORTED, "the activation was cancelled", null, null);
  }

  /** The failure for anything unexpected that stops an activation. */
  public static DrmException unexpected(Throwable t) {
    return new RmsFailure(HResult.E_DRM_ACTIVATIONFAILED, "activation failed: " + t, null, t);
  }

  private static Optional<Problem> problem(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(WireJson.reader().forType(Problem.class).readValue(body));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static Optional<RmsErrorCode> problemCode(String body) {
    return problem(body)
        .map(Problem::code)
        .flatMap(c -> c == null ? Optional.empty() : RmsErrorCode.fromName(c));
  }

  private static Optional<String> problemDetail(String body) {
    return problem(body).map(Problem::detail).filter(d -> !d.isBlank());
  }
}
