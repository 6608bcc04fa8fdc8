package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openrms.core.HResult;

/** Records every status message and checks the ordering rules of the callback contract. */
class StatusRecorder implements StatusCallback {
  /** One callback invocation. */
  record Event(StatusMessage msg, HResult hr, Object param, Object context, Thread thread) {}

  final List<Event> events = new CopyOnWriteArrayList<>();

  @Override
  public void onStatus(StatusMessage msg, HResult hr, Object param, Object context) {
    events.add(new Event(msg, hr, param, context, Thread.currentThread()));
  }

  List<HResult> hresults() {
    List<HResult> out = new ArrayList<>();
    events.forEach(e -> out.add(e.hr()));
    return out;
  }

  Event terminal() {
    assertThat(events).isNotEmpty();
    return events.get(events.size() - 1);
  }

  List<Integer> progress() {
    List<Integer> out = new ArrayList<>();
    for (Event e : events) {
      if (e.hr() == HResult.S_DRM_INPROGRESS) {
        out.add((Integer) e.param());
      }
    }
    return out;
  }

  /**
   * Checks one activation's messages: [CONNECTING [CONNECTED [INPROGRESS...]]] then exactly one
   * terminal message, all for the same message kind; progress rising within 0..100; a successful
   * run has every step with 0 and 100.
   */
  void assertWellOrdered(StatusMessage kind) {
    assertThat(events).as("messages").isNotEmpty();
    int terminals = 0;
    int stage = 0; // 0 start, 1 connecting, 2 connected, 3 progress
    int last = -1;
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      assertThat(e.msg()).as("message kind of %s", e.hr()).isEqualTo(kind);
      boolean isLast = i == events.size() - 1;
      switch (e.hr()) {
        case S_DRM_CONNECTING -> {
          assertThat(stage).as("CONNECTING first, once").isEqualTo(0);
          assertThat(e.param()).isNull();
          stage = 1;
        }
        case S_DRM_CONNECTED -> {
          assertThat(stage).as("CONNECTED after CONNECTING, once").isEqualTo(1);
          assertThat(e.param()).isNull();
          stage = 2;
        }
        case S_DRM_INPROGRESS -> {
          assertThat(stage).as("INPROGRESS after CONNECTED").isGreaterThanOrEqualTo(2);
          int p = (Integer) e.param();
          assertThat(p).isBetween(0, 100).isGreaterThanOrEqualTo(last);
          last = p;
          stage = 3;
        }
        default -> {
          terminals++;
          assertThat(isLast).as("the terminal message %s is the last", e.hr()).isTrue();
        }
      }
    }
    assertThat(terminals).as("exactly one terminal message").isEqualTo(1);
    if (terminal().hr() == HResult.S_DRM_COMPLETED) {
      assertThat(hresults())
          .startsWith(HResult.S_DRM_CONNECTING, HResult.S_DRM_CONNECTED, HResult.S_DRM_INPROGRESS);
      assertThat(progress()).startsWith(0).endsWith(100);
    }
  }
}
