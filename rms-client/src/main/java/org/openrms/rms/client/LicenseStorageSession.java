package org.openrms.rms.client;

import java.util.Set;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/**
 * A license storage session: the part of a {@link ClientSession} that deals with the licenses of
 * one issuance license (end-user licenses; acquiring them comes with publishing, later).
 *
 * <p>Handles are reference-counted like client sessions: {@link #duplicate()} adds a handle on the
 * same session, {@link #close()} closes this handle, and the session is released when its last
 * handle closes. Every method except {@code close} and {@code isOpen} throws {@link DrmException}
 * with {@link HResult#E_DRM_INVALID_HANDLE} on a closed handle. Close every license storage session
 * before the last handle of its client session. Thread-safe.
 */
public interface LicenseStorageSession extends AutoCloseable {
  /** A new handle on the same storage session; close it separately. */
  LicenseStorageSession duplicate();

  /** Closes this handle; idempotent; releases the session when it was the last handle. */
  @Override
  void close();

  /** Whether this handle is open. */
  boolean isOpen();

  /** The issuance license the session was created for, as given. */
  String issuanceLicense();

  /**
   * Returns one item of the license store.
   *
   * <p>Supported: {@link EnumerationFlag#MACHINE} (index 0: the machine certificate chain) and
   * {@link EnumerationFlag#EUL} / {@link EnumerationFlag#EUL_LID} (no end-user licenses exist yet:
   * always {@link HResult#E_DRM_NO_MORE_DATA}), each optionally with {@link
   * EnumerationFlag#EXPIRED}. The C API leaves the shared flag as passed for storage sessions; the
   * Java entry always says {@code false}.
   *
   * @throws DrmException {@link HResult#E_DRM_NO_MORE_DATA} past the end, {@link
   *     HResult#E_DRM_NEEDS_MACHINE_ACTIVATION} for the machine certificate of a machine that is
   *     not activated, {@link HResult#E_INVALIDARG} for other flags or a negative index
   */
  LicenseEntry enumerateLicense(Set<EnumerationFlag> flags, int index);

  /**
   * Deletes a license from the store by license ID.
   *
   * @throws DrmException {@link HResult#E_DRM_RECORD_NOT_FOUND} if no license has that ID
   */
  void deleteLicense(String licenseId);
}
