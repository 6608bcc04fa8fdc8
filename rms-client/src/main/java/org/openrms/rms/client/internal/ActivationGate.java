package org.openrms.rms.client.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds back the callbacks of activations started on this thread until the outermost SDK {@code
 * activate} frame ({@code ClientSession.activate}, or {@code Msdrm.DRMActivate} around it) has done
 * everything it does: its last action opens the gate. Thus the first callback happens-after every
 * action of the {@code activate} call, on another thread, and never before the call returns.
 *
 * <p>Usage in every public entry point: {@code enter(); try { ... } finally { exit(); }}. Code
 * inside the frame registers with {@link #onExit}; outside any frame the action runs at once.
 */
public final class ActivationGate {
  private static final ThreadLocal<Frame> FRAME = new ThreadLocal<>();

  private static final class Frame {
    int depth;
    final List<Runnable> onExit = new ArrayList<>();
  }

  private ActivationGate() {}

  /** Enters an SDK {@code activate} frame (nesting allowed). */
  public static void enter() {
    Frame f = FRAME.get();
    if (f == null) {
      f = new Frame();
      FRAME.set(f);
    }
    f.depth++;
  }

  /** Leaves the frame; leaving the outermost one runs the registered actions, in order. */
  public static void exit() {
    Frame f = FRAME.get();
    if (f == null || --f.depth > 0) {
      return;
    }
    FRAME.remove();
    for (Runnable r : f.onExit) {
      r.run();
    }
  }

  /** Runs {@code action} when the outermost frame of this thread exits, or now if there is none. */
  static void onExit(Runnable action) {
    Frame f = FRAME.get();
    if (f == null) {
      action.run();
    } else {
      f.onExit.add(action);
    }
  }

  /** Whether this thread is inside an SDK {@code activate} frame (for tests). */
  public static boolean insideActivate() {
    return FRAME.get() != null;
  }
}
