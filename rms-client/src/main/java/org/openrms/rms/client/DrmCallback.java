package org.openrms.rms.client;

/**
 * The C-style status callback of {@link Msdrm} ({@code DRMCALLBACK}): the same messages and rules
 * as {@link StatusCallback}, with the status message and the HRESULT as C values.
 */
@FunctionalInterface
public interface DrmCallback {
  /**
   * Called for each status message.
   *
   * @param msg the {@link StatusMessage#value()}
   * @param hr the HRESULT value
   * @param param an {@link Integer} for progress, a {@link String} for the RAC or a new location,
   *     otherwise {@code null}
   * @param context the context passed to {@link Msdrm#DRMActivate}
   * @return an HRESULT; ignored, as in the C API (a failure value is logged)
   */
  int invoke(int msg, int hr, Object param, Object context);
}
