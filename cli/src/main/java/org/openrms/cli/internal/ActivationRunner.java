package org.openrms.cli.internal;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.rms.client.ActivationFlag;
import org.openrms.rms.client.ActivationFuture;
import org.openrms.rms.client.ActivationServiceInfo;
import org.openrms.rms.client.ClientSession;
import org.openrms.rms.client.StatusCallback;
import org.openrms.rms.client.StatusMessage;

/**
 * Runs one activation for the command line: shows a progress bar fed by S_DRM_INPROGRESS (when
 * standard error is a terminal), prints every callback message with {@code --verbose}, waits for
 * the terminal message and turns a failure into a {@link DrmException}.
 */
public final class ActivationRunner implements StatusCallback {
  private final PrintWriter out;
  private final boolean verbose;
  private final boolean showBar;
  private final AtomicInteger progress = new AtomicInteger(-1);
  private final AtomicReference<Object> lastParam = new AtomicReference<>();
  private volatile ProgressBar bar;

  /**
   * @param out where verbose lines go
   * @param verbose print every callback message
   * @param showBar draw a progress bar on standard error
   */
  public ActivationRunner(PrintWriter out, boolean verbose, boolean showBar) {
    this.out = out;
    this.verbose = verbose;
    this.showBar = showBar;
  }

  /** A callback that forwards to the runner in use, so sessions can be created before it. */
  public static StatusCallback forwardingTo(AtomicReference<ActivationRunner> current) {
    return (msg, hr, param, ctx) -> {
      ActivationRunner r = current.get();
      if (r != null) {
        r.onStatus(msg, hr, param, ctx);
      }
    };
  }

  @Override
  public void onStatus(StatusMessage msg, HResult hr, Object param, Object context) {
    if (verbose) {
      String p =
          param == null
              ? ""
              : param instanceof String s && s.contains("-----BEGIN")
                  ? " (RAC chain, " + s.length() + " characters)"
                  : " " + param;
      out.println("  [" + msg + "] " + hr.name() + " (" + hr.hex() + ")" + p);
      out.flush();
    }
    if (hr == HResult.S_DRM_INPROGRESS && param instanceof Integer pct) {
      progress.set(pct);
      ProgressBar b = bar;
      if (b != null) {
        b.stepTo(pct);
      }
    } else if (param != null) {
      lastParam.set(param);
    }
  }

  /**
   * Activates and waits.
   *
   * @return the RAC chain for user activation, or null for machine activation
   * @throws DrmException with the terminal HRESULT if activation failed
   */
  public String run(
      ClientSession session,
      EnumSet<ActivationFlag> flags,
      ActivationServiceInfo info,
      String task,
      Duration timeout)
      throws InterruptedException {
    if (showBar) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(task)
              .setInitialMax(100)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(100)
              .continuousUpdate()
              .build();
    }
    ActivationFuture future = session.activate(flags, info, null);
    HResult result;
    try {
      result = future.await(timeout);
    } catch (TimeoutException e) {
      future.cancel();
      throw new DrmException(
          HResult.E_DRM_ABORTED, task + " did not finish within " + timeout + "; cancelled");
    } finally {
      ProgressBar b = bar;
      if (b != null) {
        b.close();
        bar = null;
      }
    }
    if (!result.isSuccess()) {
      Object p = lastParam.get();
      if (result == HResult.E_DRM_SERVICE_MOVED && p != null) {
        throw new DrmException(result, task + " failed: the service moved to " + p);
      }
      try {
        future.result(); // throws the SDK's failure, whose message says what went wrong
      } catch (DrmException e) {
        throw new DrmException(result, task + " failed: " + detailOf(e), e);
      }
      throw new DrmException(result, task + " failed: " + result.meaning());
    }
    return future.result();
  }

  private static String detailOf(DrmException e) {
    String m = e.getMessage();
    String prefix = e.hresult().name() + ": ";
    return m != null && m.startsWith(prefix) ? m.substring(prefix.length()) : String.valueOf(m);
  }

  /** The last progress value seen (−1 before any). */
  public int lastProgress() {
    return progress.get();
  }
}
