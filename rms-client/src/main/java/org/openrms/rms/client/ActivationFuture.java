package org.openrms.rms.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/**
 * The pending result of {@link ClientSession#activate}: a read-only view, completed by the SDK with
 * the same terminal status that the {@link StatusCallback} receives last.
 *
 * <pre>
 *                                      +---&gt; done, S_DRM_COMPLETED (result() = RAC or null)
 *   not done --(terminal message)------+
 *                                      +---&gt; done, error HRESULT   (result() throws)
 * </pre>
 *
 * <p>Prefer the callback (or {@link #toCompletableFuture()}) over blocking. Never call {@link
 * #await(Duration)} from inside the {@link StatusCallback}: the callback runs on the thread that
 * performs the activation, so waiting there can only time out. The await timeout is independent of
 * the HTTP timeouts of the {@link RightsClient}.
 */
public interface ActivationFuture {
  /** Whether the terminal status is known. */
  boolean isDone();

  /**
   * Waits for the terminal status.
   *
   * @return {@link HResult#S_DRM_COMPLETED}, or the error the activation ended with (for example
   *     {@link HResult#E_DRM_ABORTED}); {@link HResult#S_OK} for a {@code CANCEL} request that
   *     found nothing to cancel
   * @throws TimeoutException if the activation did not end in time
   * @throws InterruptedException if the waiting thread is interrupted
   */
  HResult await(Duration timeout) throws TimeoutException, InterruptedException;

  /**
   * The outcome of a finished activation.
   *
   * @return the RAC PEM chain (RAC, SLC, root) of a user activation; {@code null} for a machine
   *     activation or a {@code CANCEL} request
   * @throws IllegalStateException if not {@link #isDone() done}
   * @throws DrmException carrying the error HRESULT if the activation failed
   */
  String result();

  /**
   * Cancels the activation if it is still in progress; same as {@code activate(CANCEL)}. The
   * terminal status is then {@link HResult#E_DRM_ABORTED}. A certificate that was already stored
   * stays stored, and the activation completes normally.
   *
   * @return {@code true} if the request was registered before the activation ended
   */
  boolean cancel();

  /**
   * A new {@link CompletableFuture} that completes with {@link #result()} or exceptionally with the
   * {@link DrmException}; completing or cancelling the copy does not affect the activation.
   */
  CompletableFuture<String> toCompletableFuture();
}
