package org.openrms.rms.client;

import org.openrms.core.HResult;

/**
 * Receives the status messages of the asynchronous operations of a {@link ClientSession} (the
 * {@code DRMCALLBACK} of the C API).
 *
 * <p>For one activation the messages arrive in this order, one at a time, never concurrently and
 * never before {@link ClientSession#activate} has returned:
 *
 * <ol>
 *   <li>{@link HResult#S_DRM_CONNECTING} (param {@code null}), before the first request;
 *   <li>{@link HResult#S_DRM_CONNECTED} (param {@code null}), once the server answered;
 *   <li>{@link HResult#S_DRM_INPROGRESS} with an {@link Integer} param from 0 to 100 that never
 *       decreases (0 and 100 are always sent on success);
 *   <li>exactly one terminal message, after which the callback is not called again for this
 *       activation: {@link HResult#S_DRM_COMPLETED} (param: the RAC PEM chain {@link String} for
 *       user activation, {@code null} for machine activation) or one error {@link HResult} (param
 *       {@code null}, except {@link HResult#E_DRM_SERVICE_MOVED} whose param is the new location as
 *       a {@link String}).
 * </ol>
 *
 * <p>A failing activation may skip the non-terminal messages (for example a refused connection
 * sends {@code S_DRM_CONNECTING} then {@code E_DRM_NO_CONNECT}; a missing machine activation sends
 * only {@code E_DRM_NEEDS_MACHINE_ACTIVATION}). The terminal message is also what the {@link
 * ActivationFuture} completes with.
 *
 * <p>Rules for implementers: be fast and do not block (the activation waits for the callback to
 * return); do not throw (an exception thrown by the callback is caught and logged, and the
 * activation goes on); you may call {@link ActivationFuture#cancel()} or {@code activate(CANCEL)}
 * from inside the callback. Callbacks run on the {@link RightsClient.Builder#callbackExecutor
 * callback executor}, never on the thread that called {@code activate}.
 */
@FunctionalInterface
public interface StatusCallback {
  /**
   * Called for each status message.
   *
   * @param msg the operation reported on
   * @param hr the status: progress, completion or the error
   * @param param depends on {@code hr}, see the interface documentation
   * @param context the context object passed to {@code activate}
   */
  void onStatus(StatusMessage msg, HResult hr, Object param, Object context);
}
