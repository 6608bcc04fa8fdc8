package org.openrms.rms.client;

import java.net.URI;
import java.util.Objects;
import java.util.Set;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.rms.client.internal.ActivationGate;
import org.openrms.rms.client.internal.HandleTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The msdrm functions with their C names, so that code written against the AD RMS SDK pages ports
 * line by line: {@code int} handles, {@code int} HRESULT returns, out-parameters as one-element
 * arrays, {@code char[]} buffers with the two-call sizing pattern.
 *
 * <p>Handles are random non-zero {@code int}s, never reused while open; {@code 0} ({@code
 * DRMHSESSION_INVALID}) is never a valid handle. A closed or unknown handle gives {@link
 * HResult#E_DRM_INVALID_HANDLE}. Every function only converts and delegates to {@link
 * ClientSession} / {@link LicenseStorageSession}: a {@link DrmException} becomes its HRESULT, an
 * unexpected runtime exception {@link HResult#E_FAIL}.
 *
 * <p>The C API reads its configuration from the machine (registry, Active Directory). Here that
 * configuration is a {@link RightsClient} set with {@link #setRightsClient(RightsClient)}; without
 * one, a client with the default settings is used.
 */
public final class Msdrm {
  private static final Logger LOG = LoggerFactory.getLogger(Msdrm.class);
  private static final HandleTable HANDLES = new HandleTable();
  private static volatile RightsClient client;

  private Msdrm() {}

  /** Sets the client (configuration) that {@link #DRMCreateClientSession} uses from now on. */
  public static void setRightsClient(RightsClient rightsClient) {
    client = Objects.requireNonNull(rightsClient, "rightsClient");
  }

  private static RightsClient client() {
    RightsClient c = client;
    if (c == null) {
      synchronized (Msdrm.class) {
        if (client == null) {
          client = RightsClient.builder().build();
        }
        c = client;
      }
    }
    return c;
  }

  /**
   * Creates a client session.
   *
   * @param providerType {@code "WindowsAuthProvider"} or {@code "PassportAuthProvider"}
   * @param groupId e-mail, or {@code null} for service location only
   * @param phClient receives the handle
   */
  public static int DRMCreateClientSession(
      DrmCallback cb, int version, String providerType, String groupId, int[] phClient) {
    return call(
        () -> {
          requireOut(phClient, "phClient");
          GroupIdType type = GroupIdType.fromProviderName(providerType);
          StatusCallback adapter =
              cb == null ? null : (msg, hr, param, ctx) -> invokeC(cb, msg, hr, param, ctx);
          ClientSession session = client().createClientSession(adapter, version, type, groupId);
          phClient[0] = HANDLES.add(session);
        });
  }

  /** Duplicates a client or license storage session handle. */
  public static int DRMDuplicateSession(int hSession, int[] phSessionOut) {
    return call(
        () -> {
          requireOut(phSessionOut, "phSessionOut");
          Object h = HANDLES.get(hSession);
          AutoCloseable dup =
              h instanceof ClientSession
                  ? ((ClientSession) h).duplicate()
                  : (AutoCloseable) ((LicenseStorageSession) h).duplicate();
          phSessionOut[0] = HANDLES.add(dup);
        });
  }

  /**
   * Closes a client or license storage session handle. A failed close (a client session whose
   * license storage sessions are open: {@link HResult#E_FAIL}) leaves the handle open.
   */
  public static int DRMCloseSession(int hSession) {
    return call(() -> HANDLES.close(hSession));
  }

  /**
   * Creates a license storage session. {@code hEnv} and {@code hDefaultLibrary} are accepted and
   * ignored until environments ({@code DRMInitEnvironment}) exist.
   *
   * @param flags reserved, must be 0
   */
  public static int DRMCreateLicenseStorageSession(
      int hEnv,
      int hDefaultLibrary,
      int hClient,
      int flags,
      String issuanceLicense,
      int[] phLicenseStorage) {
    return call(
        () -> {
          requireOut(phLicenseStorage, "phLicenseStorage");
          if (flags != 0) {
            throw new DrmException(HResult.E_INVALIDARG, "flags are reserved and must be 0");
          }
          ClientSession session = HANDLES.get(hClient, ClientSession.class);
          phLicenseStorage[0] = HANDLES.add(session.createLicenseStorageSession(issuanceLicense));
        });
  }

  /**
   * Starts an activation; the result arrives through the session's callback.
   *
   * @param langId ignored (messages are not localized)
   * @param hParentWnd ignored (there is no user interface)
   */
  public static int DRMActivate(
      int hClient,
      int flags,
      int langId,
      ActivationServiceInfo info,
      Object context,
      Object hParentWnd) {
    ActivationGate.enter();
    try {
      return call(
          () ->
              HANDLES
                  .get(hClient, ClientSession.class)
                  .activate(ActivationFlag.fromBits(flags), info, context));
    } finally {
      ActivationGate.exit(); // callbacks start only after the HRESULT is computed
    }
  }

  /**
   * Whether the machine or user is activated: {@link HResult#S_OK}, or {@link
   * HResult#E_DRM_NEEDS_MACHINE_ACTIVATION} / {@link HResult#E_DRM_NEEDS_GROUPIDENTITY_ACTIVATION}.
   *
   * @param reservedNull must be {@code null}
   */
  public static int DRMIsActivated(int hClient, int flags, ActivationServiceInfo reservedNull) {
    return call(
        () -> {
          if (reservedNull != null) {
            throw new DrmException(HResult.E_INVALIDARG, "pActServInfo is reserved, pass null");
          }
          Set<ActivationFlag> f = ActivationFlag.fromBits(flags);
          if (f.size() != 1) {
            throw new DrmException(HResult.E_INVALIDARG, "pass exactly MACHINE or GROUPIDENTITY");
          }
          ActivationFlag flag = f.iterator().next();
          if (!HANDLES.get(hClient, ClientSession.class).isActivated(flag)) {
            throw new DrmException(
                flag == ActivationFlag.MACHINE
                    ? HResult.E_DRM_NEEDS_MACHINE_ACTIVATION
                    : HResult.E_DRM_NEEDS_GROUPIDENTITY_ACTIVATION);
          }
        });
  }

  /**
   * Returns one store item. With {@code buf == null}, {@code len[0]} receives the required length
   * including the terminating NUL; a buffer (or {@code len[0]}) too small gives {@link
   * HResult#E_DRM_INSUFFICIENT_BUFFER} with the required length in {@code len[0]}. From a client
   * session {@code shared[0]} is set to {@code false}; from a license storage session it is left as
   * passed.
   */
  public static int DRMEnumerateLicense(
      int hSession, int flags, int index, boolean[] shared, int[] len, char[] buf) {
    return call(
        () -> {
          requireOut(len, "puCertificateDataLen");
          Object h = HANDLES.get(hSession);
          Set<EnumerationFlag> f = EnumerationFlag.fromBits(flags);
          LicenseEntry entry;
          if (h instanceof ClientSession) {
            entry = ((ClientSession) h).enumerateLicense(f, index);
            if (shared != null && shared.length > 0) {
              shared[0] = entry.shared();
            }
          } else {
            entry = ((LicenseStorageSession) h).enumerateLicense(f, index);
          }
          copyOut(entry.data(), len, buf);
        });
  }

  /**
   * Finds a service URL; two-call sizing as {@link #DRMEnumerateLicense}.
   *
   * @param hClient a client session (required: it carries the configuration)
   * @param issuanceLicense must be {@code null}: discovery from issuance licenses comes with
   *     publishing ({@link HResult#E_NOTIMPL})
   */
  public static int DRMGetServiceLocation(
      int hClient,
      int serviceType,
      int serviceLocation,
      String issuanceLicense,
      int[] len,
      char[] buf) {
    return call(
        () -> {
          requireOut(len, "puServiceURLLength");
          if (issuanceLicense != null) {
            throw new DrmException(
                HResult.E_NOTIMPL, "service location from an issuance license is not supported");
          }
          ClientSession session = HANDLES.get(hClient, ClientSession.class);
          URI url =
              session.getServiceLocation(
                  ServiceType.fromBits(serviceType), ServiceLocation.fromValue(serviceLocation));
          copyOut(url.toString(), len, buf);
        });
  }

  /** Deletes a license by license ID. */
  public static int DRMDeleteLicense(int hSession, String licenseId) {
    return call(
        () -> {
          Object h = HANDLES.get(hSession);
          if (h instanceof ClientSession) {
            ((ClientSession) h).deleteLicense(licenseId);
          } else {
            ((LicenseStorageSession) h).deleteLicense(licenseId);
          }
        });
  }

  private static void copyOut(String data, int[] len, char[] buf) {
    int required = data.length() + 1;
    if (buf == null) {
      len[0] = required;
      return;
    }
    if (buf.length < required || len[0] < required) {
      len[0] = required;
      throw new DrmException(HResult.E_DRM_INSUFFICIENT_BUFFER);
    }
    data.getChars(0, data.length(), buf, 0);
    buf[data.length()] = '\0';
    len[0] = required;
  }

  private static void requireOut(Object array, String name) {
    if (array == null || java.lang.reflect.Array.getLength(array) < 1) {
      throw new DrmException(HResult.E_INVALIDARG, name + " must be a one-element array");
    }
  }

  private static void invokeC(
      DrmCallback cb, StatusMessage msg, HResult hr, Object param, Object ctx) {
    int rc = cb.invoke(msg.value(), hr.value(), param, ctx);
    if (rc < 0) {
      LOG.debug("callback returned {} for {} {}", HResult.describe(rc), msg, hr.name());
    }
  }

  private static int call(Runnable body) {
    try {
      body.run();
      return HResult.S_OK.value();
    } catch (DrmException e) {
      LOG.debug("msdrm call failed: {}", e.getMessage());
      return e.value();
    } catch (RuntimeException e) {
      LOG.warn("unexpected failure in an msdrm call", e);
      return HResult.E_FAIL.value();
    }
  }
}
